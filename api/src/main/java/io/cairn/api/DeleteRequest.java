package io.cairn.api;

import java.util.Objects;

public record DeleteRequest(String bucket, String key, Long version) {
    public DeleteRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }
}
