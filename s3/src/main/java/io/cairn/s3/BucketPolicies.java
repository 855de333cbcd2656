package io.cairn.s3;

import java.util.Optional;

/** Where bucket policies are kept, as the S3 API's Get/Put/DeleteBucketPolicy reach them. */
public interface BucketPolicies {
    Optional<String> get(String bucket);

    /** Refuses a malformed document or one naming another bucket (INVALID_ARGUMENT). */
    void put(String bucket, String document);

    void delete(String bucket);
}
