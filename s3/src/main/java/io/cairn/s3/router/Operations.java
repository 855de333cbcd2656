package io.cairn.s3.router;

import io.cairn.core.model.PartLimits;
import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import io.cairn.s3.router.S3Operation.*;
import java.util.function.UnaryOperator;

/**
 * The S3 operation of a request, from its method, its target (service, bucket or object) and its subresource, as in
 * Garage's router. A combination S3 has no operation for is refused, never taken for a near one.
 */
final class Operations {
    private static final String COPY_SOURCE = "x-amz-copy-source";

    private Operations() {
    }

    static S3Operation onService(String method, Query q) {
        if (method.equals("GET") && q.subresource() == Subresource.NONE) {
            return new ListBuckets(q.optional("prefix"), q.optional("continuation-token"),
                    q.optionalInt("max-buckets", 1, 10_000), q.optional("bucket-region"));
        }
        throw notAllowed(method, q, "the service");
    }

    static S3Operation onBucket(String method, Query q) {
        return switch (method) {
            case "GET" -> getBucket(q);
            case "HEAD" -> switch (q.subresource()) {
                case NONE -> new HeadBucket();
                default -> throw notAllowed(method, q, "a bucket");
            };
            case "PUT" -> putBucket(q);
            case "POST" -> switch (q.subresource()) {
                case NONE -> new PostObject();
                case DELETE -> new DeleteObjects();
                default -> throw notAllowed(method, q, "a bucket");
            };
            case "DELETE" -> deleteBucket(q);
            default -> throw notAllowed(method, q, "a bucket");
        };
    }

    static S3Operation onObject(String method, Query q, UnaryOperator<String> header) {
        return switch (method) {
            case "GET" -> getObject(q);
            case "HEAD" -> switch (q.subresource()) {
                case NONE -> new HeadObject(q.versionId(), partNumber(q));
                default -> throw notAllowed(method, q, "an object");
            };
            case "PUT" -> putObject(q, header);
            case "POST" -> postObject(q);
            case "DELETE" -> switch (q.subresource()) {
                case NONE -> q.has("uploadId")
                        ? new AbortMultipartUpload(q.required("uploadId"))
                        : new DeleteObject(q.versionId());
                case TAGGING -> new DeleteObjectTagging(q.versionId());
                default -> throw notAllowed(method, q, "an object");
            };
            default -> throw notAllowed(method, q, "an object");
        };
    }

    private static S3Operation getBucket(Query q) {
        return switch (q.subresource()) {
            case NONE -> listObjects(q);
            case ACCELERATE -> new GetBucketAccelerateConfiguration();
            case ACL -> new GetBucketAcl();
            case ANALYTICS -> q.has("id")
                    ? new GetBucketAnalyticsConfiguration(q.required("id"))
                    : new ListBucketAnalyticsConfigurations(q.optional("continuation-token"));
            case CORS -> new GetBucketCors();
            case ENCRYPTION -> new GetBucketEncryption();
            case INTELLIGENT_TIERING -> q.has("id")
                    ? new GetBucketIntelligentTieringConfiguration(q.required("id"))
                    : new ListBucketIntelligentTieringConfigurations(q.optional("continuation-token"));
            case INVENTORY -> q.has("id")
                    ? new GetBucketInventoryConfiguration(q.required("id"))
                    : new ListBucketInventoryConfigurations(q.optional("continuation-token"));
            case LIFECYCLE -> new GetBucketLifecycleConfiguration();
            case LOCATION -> new GetBucketLocation();
            case LOGGING -> new GetBucketLogging();
            case METRICS -> q.has("id")
                    ? new GetBucketMetricsConfiguration(q.required("id"))
                    : new ListBucketMetricsConfigurations(q.optional("continuation-token"));
            case NOTIFICATION -> new GetBucketNotificationConfiguration();
            case OBJECT_LOCK -> new GetObjectLockConfiguration();
            case OWNERSHIP_CONTROLS -> new GetBucketOwnershipControls();
            case POLICY -> new GetBucketPolicy();
            case POLICY_STATUS -> new GetBucketPolicyStatus();
            case PUBLIC_ACCESS_BLOCK -> new GetPublicAccessBlock();
            case REPLICATION -> new GetBucketReplication();
            case REQUEST_PAYMENT -> new GetBucketRequestPayment();
            case TAGGING -> new GetBucketTagging();
            case UPLOADS -> new ListMultipartUploads(q.optional("prefix"), q.optional("delimiter"),
                    q.optional("key-marker"), q.optional("upload-id-marker"), count(q, "max-uploads"),
                    q.encodingType());
            case VERSIONING -> new GetBucketVersioning();
            case VERSIONS -> new ListObjectVersions(q.optional("prefix"), q.optional("delimiter"),
                    q.optional("key-marker"), q.optional("version-id-marker"), count(q, "max-keys"),
                    q.encodingType());
            case WEBSITE -> new GetBucketWebsite();
            default -> throw notAllowed("GET", q, "a bucket");
        };
    }

    private static S3Operation listObjects(Query q) {
        String listType = q.optional("list-type");
        if (listType == null) {
            return new ListObjects(q.optional("prefix"), q.optional("delimiter"), q.optional("marker"),
                    count(q, "max-keys"), q.encodingType());
        }
        if (!listType.equals("2")) {
            throw new S3Exception(S3Error.InvalidArgument, "list-type must be 2, got '" + listType + "'");
        }
        return new ListObjectsV2(q.optional("prefix"), q.optional("delimiter"), q.asSent("continuation-token"),
                q.optional("start-after"), count(q, "max-keys"), q.optionalBoolean("fetch-owner"), q.encodingType());
    }

    private static S3Operation putBucket(Query q) {
        return switch (q.subresource()) {
            case NONE -> new CreateBucket();
            case ACCELERATE -> new PutBucketAccelerateConfiguration();
            case ACL -> new PutBucketAcl();
            case ANALYTICS -> new PutBucketAnalyticsConfiguration(q.required("id"));
            case CORS -> new PutBucketCors();
            case ENCRYPTION -> new PutBucketEncryption();
            case INTELLIGENT_TIERING -> new PutBucketIntelligentTieringConfiguration(q.required("id"));
            case INVENTORY -> new PutBucketInventoryConfiguration(q.required("id"));
            case LIFECYCLE -> new PutBucketLifecycleConfiguration();
            case LOGGING -> new PutBucketLogging();
            case METRICS -> new PutBucketMetricsConfiguration(q.required("id"));
            case NOTIFICATION -> new PutBucketNotificationConfiguration();
            case OBJECT_LOCK -> new PutObjectLockConfiguration();
            case OWNERSHIP_CONTROLS -> new PutBucketOwnershipControls();
            case POLICY -> new PutBucketPolicy();
            case PUBLIC_ACCESS_BLOCK -> new PutPublicAccessBlock();
            case REPLICATION -> new PutBucketReplication();
            case REQUEST_PAYMENT -> new PutBucketRequestPayment();
            case TAGGING -> new PutBucketTagging();
            case VERSIONING -> new PutBucketVersioning();
            case WEBSITE -> new PutBucketWebsite();
            default -> throw notAllowed("PUT", q, "a bucket");
        };
    }

    private static S3Operation deleteBucket(Query q) {
        return switch (q.subresource()) {
            case NONE -> new DeleteBucket();
            case ANALYTICS -> new DeleteBucketAnalyticsConfiguration(q.required("id"));
            case CORS -> new DeleteBucketCors();
            case ENCRYPTION -> new DeleteBucketEncryption();
            case INTELLIGENT_TIERING -> new DeleteBucketIntelligentTieringConfiguration(q.required("id"));
            case INVENTORY -> new DeleteBucketInventoryConfiguration(q.required("id"));
            case LIFECYCLE -> new DeleteBucketLifecycle();
            case METRICS -> new DeleteBucketMetricsConfiguration(q.required("id"));
            case OWNERSHIP_CONTROLS -> new DeleteBucketOwnershipControls();
            case POLICY -> new DeleteBucketPolicy();
            case PUBLIC_ACCESS_BLOCK -> new DeletePublicAccessBlock();
            case REPLICATION -> new DeleteBucketReplication();
            case TAGGING -> new DeleteBucketTagging();
            case WEBSITE -> new DeleteBucketWebsite();
            default -> throw notAllowed("DELETE", q, "a bucket");
        };
    }

    private static S3Operation getObject(Query q) {
        return switch (q.subresource()) {
            case NONE -> q.has("uploadId")
                    ? new ListParts(q.required("uploadId"), count(q, "max-parts"), count(q, "part-number-marker"))
                    : new GetObject(q.versionId(), partNumber(q));
            case ACL -> new GetObjectAcl(q.versionId());
            case ATTRIBUTES -> new GetObjectAttributes(q.versionId());
            case LEGAL_HOLD -> new GetObjectLegalHold(q.versionId());
            case RETENTION -> new GetObjectRetention(q.versionId());
            case TAGGING -> new GetObjectTagging(q.versionId());
            case TORRENT -> new GetObjectTorrent();
            default -> throw notAllowed("GET", q, "an object");
        };
    }

    /** A part number or an upload id makes a part upload, which then needs both; the copy header makes a copy. */
    private static S3Operation putObject(Query q, UnaryOperator<String> header) {
        boolean copy = header.apply(COPY_SOURCE) != null;
        return switch (q.subresource()) {
            case NONE -> {
                if (!q.has("partNumber") && !q.has("uploadId")) {
                    yield copy ? new CopyObject() : new PutObject();
                }
                String uploadId = q.required("uploadId");
                int partNumber = q.requiredInt("partNumber", 1, PartLimits.MAX_PARTS);
                yield copy ? new UploadPartCopy(uploadId, partNumber) : new UploadPart(uploadId, partNumber);
            }
            case ACL -> new PutObjectAcl(q.versionId());
            case LEGAL_HOLD -> new PutObjectLegalHold(q.versionId());
            case RETENTION -> new PutObjectRetention(q.versionId());
            case TAGGING -> new PutObjectTagging(q.versionId());
            default -> throw notAllowed("PUT", q, "an object");
        };
    }

    private static S3Operation postObject(Query q) {
        return switch (q.subresource()) {
            case NONE -> {
                if (!q.has("uploadId")) {
                    throw notAllowed("POST", q, "an object");
                }
                yield new CompleteMultipartUpload(q.required("uploadId"));
            }
            case RESTORE -> new RestoreObject(q.versionId());
            case SELECT -> {
                if (!"2".equals(q.optional("select-type"))) {
                    throw new S3Exception(S3Error.InvalidArgument, "select-type must be 2");
                }
                yield new SelectObjectContent();
            }
            case UPLOADS -> new CreateMultipartUpload();
            default -> throw notAllowed("POST", q, "an object");
        };
    }

    private static Integer partNumber(Query q) {
        return q.optionalInt("partNumber", 1, PartLimits.MAX_PARTS);
    }

    private static Integer count(Query q, String name) {
        return q.optionalInt(name, 0, Integer.MAX_VALUE);
    }

    private static S3Exception notAllowed(String method, Query q, String target) {
        String what = q.subresource() == Subresource.NONE ? method : method + " " + q.subresource();
        return new S3Exception(S3Error.MethodNotAllowed,
                "The specified method is not allowed against this resource: " + what + " on " + target);
    }
}
