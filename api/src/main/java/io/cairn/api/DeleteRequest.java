package io.cairn.api;

public record DeleteRequest(String bucket, String key, Long version) {
}
