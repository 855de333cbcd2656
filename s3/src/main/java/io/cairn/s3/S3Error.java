package io.cairn.s3;

/**
 * The S3 error codes Cairn answers with, each with its HTTP status, as listed in the S3 API reference ("Error
 * responses"). Responses carry {@link #name()} as the XML {@code Code}.
 */
public enum S3Error {
    AccessControlListNotSupported(400),
    AccessDenied(403),
    AccessForbidden(403),
    AuthorizationHeaderMalformed(400),
    AuthorizationQueryParametersError(400),
    BadDigest(400),
    BucketAlreadyExists(409),
    BucketAlreadyOwnedByYou(409),
    BucketNotEmpty(409),
    EntityTooLarge(400),
    EntityTooSmall(400),
    ExpiredToken(400),
    IncompleteBody(400),
    InternalError(500),
    InvalidAccessKeyId(403),
    InvalidArgument(400),
    InvalidBucketAclWithObjectOwnership(400),
    InvalidBucketName(400),
    InvalidDigest(400),
    InvalidPart(400),
    InvalidPartOrder(400),
    InvalidPolicyDocument(400),
    InvalidRange(416),
    InvalidRequest(400),
    InvalidStorageClass(400),
    InvalidTag(400),
    KeyTooLongError(400),
    MalformedXML(400),
    MetadataTooLarge(400),
    MethodNotAllowed(405),
    MissingContentLength(411),
    MissingSecurityHeader(400),
    NoSuchBucket(404),
    NoSuchBucketPolicy(404),
    MalformedACLError(400),
    MalformedPolicy(400),
    /** Not an AWS error (AWS has no bucket quotas); MinIO answers a quota with a 403 of its own name too. */
    QuotaExceeded(403),
    NoSuchCORSConfiguration(404),
    NoSuchLifecycleConfiguration(404),
    NoSuchPublicAccessBlockConfiguration(404),
    NoSuchTagSet(404),
    NoSuchWebsiteConfiguration(404),
    NoSuchKey(404),
    NoSuchUpload(404),
    NoSuchVersion(404),
    NotImplemented(501),
    NotModified(304),
    ObjectLockConfigurationNotFoundError(404),
    OperationAborted(409),
    OwnershipControlsNotFoundError(404),
    PreconditionFailed(412),
    ReplicationConfigurationNotFoundError(404),
    /** AWS's answer to a body that stops coming ("not read from or written to within the timeout period"). */
    RequestTimeout(400),
    RequestTimeTooSkewed(403),
    ServerSideEncryptionConfigurationNotFoundError(404),
    ServiceUnavailable(503),
    SignatureDoesNotMatch(403),
    SlowDown(503),
    UnexpectedContent(400),
    UnresolvableGrantByEmailAddress(400),
    XAmzContentSHA256Mismatch(400);

    private final int status;

    S3Error(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
