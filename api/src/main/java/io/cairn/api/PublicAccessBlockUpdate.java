package io.cairn.api;

import io.cairn.core.model.PublicAccessBlock;
import java.util.Objects;

/**
 * Sets a bucket's Block Public Access settings.
 *
 * @param block null removes them
 */
public record PublicAccessBlockUpdate(String bucket, PublicAccessBlock block) {
    public PublicAccessBlockUpdate {
        Objects.requireNonNull(bucket, "bucket");
    }
}
