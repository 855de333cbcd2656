package io.cairn.core.model;

public record BucketRecord(String name, long createdAt) {
}
