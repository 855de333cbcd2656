package io.cairn.s3.router;

import java.util.Objects;

/**
 * A request the router understood.
 *
 * @param bucket the bucket's name; null only for {@link S3Operation.ListBuckets} and a preflight on the service
 * @param key the object's key, never empty; set exactly for {@link S3Operation.OnObject} operations (and a preflight
 *     on an object)
 */
public record ParsedRequest(String bucket, String key, S3Operation op) {
    public ParsedRequest {
        Objects.requireNonNull(op);
        boolean consistent = switch (op) {
            case S3Operation.OnObject o -> bucket != null && key != null;
            case S3Operation.OnBucket b -> bucket != null && key == null;
            case S3Operation.ListBuckets l -> bucket == null && key == null;
            default -> key == null || bucket != null;
        };
        if (!consistent || (key != null && key.isEmpty())) {
            throw new IllegalArgumentException(op.name() + " with bucket " + bucket + " and key " + key);
        }
    }
}
