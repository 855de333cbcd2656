package io.cairn.api;

import java.util.Map;

public record MetadataUpdate(String bucket, String key, Map<String, String> metadata) {
}
