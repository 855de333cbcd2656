package io.cairn.api;

import java.util.List;

public record DeleteResult(String filename, List<Long> versions_deleted) {
    public DeleteResult {
        versions_deleted = List.copyOf(versions_deleted);
    }
}
