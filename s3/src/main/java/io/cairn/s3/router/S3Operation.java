package io.cairn.s3.router;

/**
 * Every S3 operation, as the router recognises it from the method, the URL and (for the copies) one header, before
 * any handler runs. A record carries only what the URL says beyond the bucket and the key, which {@link ParsedRequest}
 * holds: absent query parameters are null, numbers are already parsed and range-checked. Headers are the handlers'
 * to read.
 *
 * <p>Each record implements one target ({@link OnBucket}, {@link OnObject}, or neither for {@link ListBuckets} and
 * {@link Options}) and one access class; {@link #access()} is an exhaustive switch over the latter, so an operation
 * added without one does not compile.
 */
public sealed interface S3Operation {

    /** What a request key needs on the bucket, following Garage. */
    enum Access {
        /** No bucket grant is checked: the handler decides (listing the key's buckets, creating one, preflight). */
        NONE,
        READ,
        WRITE,
        /** Settings that change who and what can reach the bucket from outside, and deleting it. */
        OWNER
    }

    /** An operation on a bucket as a whole: the request has a bucket and no key. */
    sealed interface OnBucket extends S3Operation {
    }

    /** An operation on one object: the request has a bucket and a key. */
    sealed interface OnObject extends S3Operation {
    }

    sealed interface NoGrant extends S3Operation {
    }

    sealed interface Reads extends S3Operation {
    }

    sealed interface Writes extends S3Operation {
    }

    sealed interface OwnerOnly extends S3Operation {
    }

    /** The AWS operation name, stable for metrics and error messages: the records are named after them. */
    default String name() {
        return getClass().getSimpleName();
    }

    default Access access() {
        return switch (this) {
            case NoGrant n -> Access.NONE;
            case Reads r -> Access.READ;
            case Writes w -> Access.WRITE;
            case OwnerOnly o -> Access.OWNER;
        };
    }

    // Service

    record ListBuckets(String prefix, String continuationToken, Integer maxBuckets, String bucketRegion)
            implements NoGrant {
    }

    /** A CORS preflight (the reference's "OPTIONS object"), on the service, a bucket or an object. */
    record Options() implements NoGrant {
    }

    // Buckets

    record CreateBucket() implements OnBucket, NoGrant {
    }

    record HeadBucket() implements OnBucket, Reads {
    }

    record DeleteBucket() implements OnBucket, OwnerOnly {
    }

    record GetBucketLocation() implements OnBucket, Reads {
    }

    record ListObjects(String prefix, String delimiter, String marker, Integer maxKeys, String encodingType)
            implements OnBucket, Reads {
    }

    /** The continuation token as sent, an empty one kept: S3 echoes it. */
    record ListObjectsV2(String prefix, String delimiter, String continuationToken, String startAfter,
            Integer maxKeys, Boolean fetchOwner, String encodingType) implements OnBucket, Reads {
    }

    record ListObjectVersions(String prefix, String delimiter, String keyMarker, String versionIdMarker,
            Integer maxKeys, String encodingType) implements OnBucket, Reads {
    }

    record ListMultipartUploads(String prefix, String delimiter, String keyMarker, String uploadIdMarker,
            Integer maxUploads, String encodingType) implements OnBucket, Reads {
    }

    record DeleteObjects() implements OnBucket, Writes {
    }

    /** A browser form upload: the key and the credentials are in the multipart/form-data body. */
    record PostObject() implements OnBucket, Writes {
    }

    record GetBucketVersioning() implements OnBucket, Reads {
    }

    record PutBucketVersioning() implements OnBucket, Writes {
    }

    record GetBucketAcl() implements OnBucket, Reads {
    }

    record PutBucketAcl() implements OnBucket, Writes {
    }

    record GetBucketCors() implements OnBucket, OwnerOnly {
    }

    record PutBucketCors() implements OnBucket, OwnerOnly {
    }

    record DeleteBucketCors() implements OnBucket, OwnerOnly {
    }

    record GetBucketWebsite() implements OnBucket, OwnerOnly {
    }

    record PutBucketWebsite() implements OnBucket, OwnerOnly {
    }

    record DeleteBucketWebsite() implements OnBucket, OwnerOnly {
    }

    record GetBucketLifecycleConfiguration() implements OnBucket, Reads {
    }

    record PutBucketLifecycleConfiguration() implements OnBucket, Writes {
    }

    record DeleteBucketLifecycle() implements OnBucket, Writes {
    }

    record GetBucketPolicy() implements OnBucket, Reads {
    }

    record GetBucketPolicyStatus() implements OnBucket, Reads {
    }

    record PutBucketPolicy() implements OnBucket, Writes {
    }

    record DeleteBucketPolicy() implements OnBucket, Writes {
    }

    record GetBucketEncryption() implements OnBucket, Reads {
    }

    record PutBucketEncryption() implements OnBucket, Writes {
    }

    record DeleteBucketEncryption() implements OnBucket, Writes {
    }

    record GetBucketTagging() implements OnBucket, Reads {
    }

    record PutBucketTagging() implements OnBucket, Writes {
    }

    record DeleteBucketTagging() implements OnBucket, Writes {
    }

    record GetBucketLogging() implements OnBucket, Reads {
    }

    record PutBucketLogging() implements OnBucket, Writes {
    }

    record GetBucketNotificationConfiguration() implements OnBucket, Reads {
    }

    record PutBucketNotificationConfiguration() implements OnBucket, Writes {
    }

    record GetBucketReplication() implements OnBucket, Reads {
    }

    record PutBucketReplication() implements OnBucket, Writes {
    }

    record DeleteBucketReplication() implements OnBucket, Writes {
    }

    record GetBucketRequestPayment() implements OnBucket, Reads {
    }

    record PutBucketRequestPayment() implements OnBucket, Writes {
    }

    record GetBucketAccelerateConfiguration() implements OnBucket, Reads {
    }

    record PutBucketAccelerateConfiguration() implements OnBucket, Writes {
    }

    record GetBucketOwnershipControls() implements OnBucket, Reads {
    }

    record PutBucketOwnershipControls() implements OnBucket, Writes {
    }

    record DeleteBucketOwnershipControls() implements OnBucket, Writes {
    }

    record GetPublicAccessBlock() implements OnBucket, Reads {
    }

    record PutPublicAccessBlock() implements OnBucket, Writes {
    }

    record DeletePublicAccessBlock() implements OnBucket, Writes {
    }

    record GetObjectLockConfiguration() implements OnBucket, Reads {
    }

    record PutObjectLockConfiguration() implements OnBucket, Writes {
    }

    record GetBucketAnalyticsConfiguration(String id) implements OnBucket, Reads {
    }

    record PutBucketAnalyticsConfiguration(String id) implements OnBucket, Writes {
    }

    record DeleteBucketAnalyticsConfiguration(String id) implements OnBucket, Writes {
    }

    record ListBucketAnalyticsConfigurations(String continuationToken) implements OnBucket, Reads {
    }

    record GetBucketInventoryConfiguration(String id) implements OnBucket, Reads {
    }

    record PutBucketInventoryConfiguration(String id) implements OnBucket, Writes {
    }

    record DeleteBucketInventoryConfiguration(String id) implements OnBucket, Writes {
    }

    record ListBucketInventoryConfigurations(String continuationToken) implements OnBucket, Reads {
    }

    record GetBucketMetricsConfiguration(String id) implements OnBucket, Reads {
    }

    record PutBucketMetricsConfiguration(String id) implements OnBucket, Writes {
    }

    record DeleteBucketMetricsConfiguration(String id) implements OnBucket, Writes {
    }

    record ListBucketMetricsConfigurations(String continuationToken) implements OnBucket, Reads {
    }

    record GetBucketIntelligentTieringConfiguration(String id) implements OnBucket, Reads {
    }

    record PutBucketIntelligentTieringConfiguration(String id) implements OnBucket, Writes {
    }

    record DeleteBucketIntelligentTieringConfiguration(String id) implements OnBucket, Writes {
    }

    record ListBucketIntelligentTieringConfigurations(String continuationToken) implements OnBucket, Reads {
    }

    // Objects

    /** The response-* overrides of the query are left to the handler, like the headers. */
    record GetObject(String versionId, Integer partNumber) implements OnObject, Reads {
    }

    record HeadObject(String versionId, Integer partNumber) implements OnObject, Reads {
    }

    record PutObject() implements OnObject, Writes {
    }

    /** Read access to the source, named by x-amz-copy-source, is the handler's to check. */
    record CopyObject() implements OnObject, Writes {
    }

    record DeleteObject(String versionId) implements OnObject, Writes {
    }

    record GetObjectAttributes(String versionId) implements OnObject, Reads {
    }

    record GetObjectAcl(String versionId) implements OnObject, Reads {
    }

    record PutObjectAcl(String versionId) implements OnObject, Writes {
    }

    record GetObjectTagging(String versionId) implements OnObject, Reads {
    }

    record PutObjectTagging(String versionId) implements OnObject, Writes {
    }

    record DeleteObjectTagging(String versionId) implements OnObject, Writes {
    }

    record GetObjectRetention(String versionId) implements OnObject, Reads {
    }

    record PutObjectRetention(String versionId) implements OnObject, Writes {
    }

    record GetObjectLegalHold(String versionId) implements OnObject, Reads {
    }

    record PutObjectLegalHold(String versionId) implements OnObject, Writes {
    }

    record GetObjectTorrent() implements OnObject, Reads {
    }

    record RestoreObject(String versionId) implements OnObject, Writes {
    }

    /** A POST that only reads (select-type=2 is checked by the router). */
    record SelectObjectContent() implements OnObject, Reads {
    }

    // Multipart uploads

    record CreateMultipartUpload() implements OnObject, Writes {
    }

    record UploadPart(String uploadId, int partNumber) implements OnObject, Writes {
    }

    record UploadPartCopy(String uploadId, int partNumber) implements OnObject, Writes {
    }

    record CompleteMultipartUpload(String uploadId) implements OnObject, Writes {
    }

    record AbortMultipartUpload(String uploadId) implements OnObject, Writes {
    }

    record ListParts(String uploadId, Integer maxParts, Integer partNumberMarker) implements OnObject, Reads {
    }
}
