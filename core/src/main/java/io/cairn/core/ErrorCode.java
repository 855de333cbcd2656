package io.cairn.core;

/**
 * The closed set of error codes a client can see, each with the HTTP status every adapter maps it to.
 * Adding a code is an API change: clients switch on these names.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_NAME(400),
    INVALID_ARGUMENT(400),
    INVALID_PART(400),
    INVALID_PART_ORDER(400),
    ENTITY_TOO_SMALL(400),
    CHECKSUM_MISMATCH(400),
    UNAUTHORIZED(401),
    /** Authenticated, but this caller may not do this. */
    ACCESS_DENIED(403),
    /** A write would take a bucket or a user over their quota: delete something, or ask for a larger quota. */
    QUOTA_EXCEEDED(403),
    NOT_FOUND(404),
    NO_SUCH_BUCKET(404),
    NO_SUCH_VERSION(404),
    NO_SUCH_UPLOAD(404),
    METHOD_NOT_ALLOWED(405),
    /** The request body came too slowly, or stopped (MIN_BODY_RATE, BODY_IDLE_TIMEOUT); the connection is closed. */
    REQUEST_TIMEOUT(408),
    ALREADY_EXISTS(409),
    CONFLICT(409),
    BUCKET_NOT_EMPTY(409),
    WRONG_CLUSTER(409),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    RANGE_NOT_SATISFIABLE(416),
    TOO_MANY_REQUESTS(429),
    INTERNAL(500),
    INSUFFICIENT_NODES(503),
    UNAVAILABLE(503),
    /** A node refuses a chunk that would eat into its free space reserve: place it elsewhere, retrying won't help. */
    INSUFFICIENT_STORAGE(507);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static ErrorCode fromName(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (RuntimeException e) {
            return INTERNAL;
        }
    }
}
