package io.cairn.s3;

import java.util.Optional;

/**
 * Where buckets' CORS configurations are kept, as Get/Put/DeleteBucketCors reach them, and what the gateway
 * remembers of them to answer browsers without a lookup each time.
 */
public interface BucketCors {
    /** The configuration as it is stored now; empty for a bucket without one (or no bucket at all). */
    Optional<CorsConfiguration> get(String bucket);

    /** The configuration as this gateway remembers it, a few seconds old at most: what browsers' requests meet. */
    Optional<CorsConfiguration> remembered(String bucket);

    void put(String bucket, CorsConfiguration configuration);

    void delete(String bucket);

    /** Forgets what this gateway remembers of the bucket's configuration, after a change made through it. */
    void forget(String bucket);
}
