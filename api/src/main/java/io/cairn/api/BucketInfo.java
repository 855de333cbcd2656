package io.cairn.api;

public record BucketInfo(String name, String created_at) {
}
