package io.cairn.api;

import java.util.List;

public record VersionList(String filename, List<VersionInfo> versions) {
    public VersionList {
        versions = List.copyOf(versions);
    }
}
