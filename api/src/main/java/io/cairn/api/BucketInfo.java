package io.cairn.api;

import io.cairn.core.model.Versioning;

/** @param versioning how the bucket keeps versions (S3's versioning state) */
public record BucketInfo(String name, String created_at, Versioning versioning) {
}
