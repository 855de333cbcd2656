package io.cairn.s3;

import java.util.Optional;

/**
 * Where bucket policies are kept, as the S3 API's Get/Put/DeleteBucketPolicy reach them, and what the gateway
 * remembers of who may reach a bucket (its policy, owner and ACL).
 */
public interface BucketPolicies {
    Optional<String> get(String bucket);

    /** Refuses a malformed document or one naming another bucket (INVALID_ARGUMENT). */
    void put(String bucket, String document);

    void delete(String bucket);

    /** Forgets what this gateway remembers of the bucket's access, after a change made through it. */
    void forget(String bucket);
}
