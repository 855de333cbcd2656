package io.cairn.s3;

import io.cairn.core.CairnException;
import io.cairn.s3.router.S3Operation;

/**
 * The one place where the object service's errors become S3's: each {@link io.cairn.core.ErrorCode} has an S3 code,
 * refined by the operation where S3 names the same failure differently (an existing bucket on create).
 */
final class S3Errors {
    private S3Errors() {
    }

    static S3Exception from(CairnException e, S3Operation op) {
        S3Error error = switch (e.code()) {
            case NO_SUCH_BUCKET -> S3Error.NoSuchBucket;
            case NO_SUCH_VERSION -> S3Error.NoSuchVersion;
            case NOT_FOUND -> S3Error.NoSuchKey;
            case NO_SUCH_UPLOAD -> S3Error.NoSuchUpload;
            case INVALID_PART -> S3Error.InvalidPart;
            case INVALID_PART_ORDER -> S3Error.InvalidPartOrder;
            case ENTITY_TOO_SMALL -> S3Error.EntityTooSmall;
            case BUCKET_NOT_EMPTY -> S3Error.BucketNotEmpty;
            case ALREADY_EXISTS -> op instanceof S3Operation.CreateBucket
                    ? S3Error.BucketAlreadyOwnedByYou : S3Error.PreconditionFailed;
            case PRECONDITION_FAILED -> S3Error.PreconditionFailed;
            case INVALID_NAME -> op instanceof S3Operation.CreateBucket
                    ? S3Error.InvalidBucketName : S3Error.InvalidArgument;
            case BAD_REQUEST, INVALID_ARGUMENT -> S3Error.InvalidArgument;
            case CHECKSUM_MISMATCH -> S3Error.BadDigest;
            case UNAUTHORIZED, ACCESS_DENIED -> S3Error.AccessDenied;
            case QUOTA_EXCEEDED -> S3Error.QuotaExceeded;
            case METHOD_NOT_ALLOWED -> S3Error.MethodNotAllowed;
            case CONFLICT -> S3Error.OperationAborted;
            case PAYLOAD_TOO_LARGE -> S3Error.EntityTooLarge;
            case RANGE_NOT_SATISFIABLE -> S3Error.InvalidRange;
            case TOO_MANY_REQUESTS -> S3Error.SlowDown;
            case REQUEST_TIMEOUT -> S3Error.RequestTimeout;
            // A refusal because the gateway is busy now (its transfer memory is taken) is S3's "reduce your rate".
            case UNAVAILABLE -> e.retryAfter().isPresent() ? S3Error.SlowDown : S3Error.ServiceUnavailable;
            case INSUFFICIENT_NODES, INSUFFICIENT_STORAGE -> S3Error.ServiceUnavailable;
            case WRONG_CLUSTER, INTERNAL -> S3Error.InternalError;
        };
        return new S3Exception(error, e.getMessage());
    }
}
