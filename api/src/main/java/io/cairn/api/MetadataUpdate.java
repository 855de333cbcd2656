package io.cairn.api;

import java.util.Map;
import java.util.Objects;

public record MetadataUpdate(String bucket, String key, Map<String, String> metadata) {
    public MetadataUpdate {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metadata, "metadata");
    }
}
