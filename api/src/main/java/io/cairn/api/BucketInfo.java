package io.cairn.api;

import io.cairn.core.model.Consistency;
import io.cairn.core.model.Versioning;

/**
 * @param versioning  how the bucket keeps versions (S3's versioning state)
 * @param consistency how many copies a write waits for unless it says ({@code strong}, {@code quorum}, {@code one})
 */
public record BucketInfo(String name, String created_at, Versioning versioning, Consistency consistency) {
}
