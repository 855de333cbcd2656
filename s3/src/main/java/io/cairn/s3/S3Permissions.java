package io.cairn.s3;

import io.cairn.auth.S3Actions;
import io.cairn.http.Exchange;
import io.cairn.http.Permissions;
import io.cairn.s3.router.ParsedRequest;
import io.cairn.s3.router.S3HttpRequest;
import io.cairn.s3.router.S3Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM action each S3 operation is, as AWS names them (its "Actions defined by Amazon S3"): mostly the operation's
 * own name, except reads that share one (a HEAD is the GET's action; a listing is {@code s3:ListBucket}), the
 * pieces of a multipart upload ({@code s3:PutObject}), a copy (also {@code s3:GetObject} on the source) and the
 * settings whose delete is a put. DeleteObjects is asked key by key where the keys are read.
 */
final class S3Permissions {
    private static final List<String> ACL_HEADERS = List.of("x-amz-acl", "x-amz-grant-read", "x-amz-grant-write",
            "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control");

    private S3Permissions() {
    }

    static void require(Permissions permissions, Exchange exchange, ParsedRequest parsed, S3HttpRequest http) {
        S3Operation op = parsed.op();
        String bucket = parsed.bucket();
        String key = parsed.key();
        switch (op) {
            case S3Operation.Options o -> {
                // A CORS preflight carries no credential by design; it reveals nothing and changes nothing.
            }
            case S3Operation.DeleteObjects d -> {
                // Asked for each key named in the body (DeleteObjectsOp), as S3 reports each refusal per key.
            }
            case S3Operation.PostObject p -> {
                // A form's caller and key are fields of its body: PostObjectOp asks, as for the PutObject it stands for.
            }
            case S3Operation.CopyObject c -> {
                CopySource source = CopySource.parse(http.header("x-amz-copy-source"));
                permissions.require(exchange, source.versionId() == null ? S3Actions.GET_OBJECT
                        : S3Actions.GET_OBJECT_VERSION, source.bucket(), source.key());
                permissions.require(exchange, S3Actions.PUT_OBJECT, bucket, key, copy(http, source));
            }
            case S3Operation.UploadPartCopy c -> {
                CopySource source = CopySource.parse(http.header("x-amz-copy-source"));
                permissions.require(exchange, S3Actions.GET_OBJECT, source.bucket(), source.key());
                permissions.require(exchange, S3Actions.PUT_OBJECT, bucket, key);
            }
            case S3Operation.ListObjects l -> permissions.require(exchange, S3Actions.LIST_BUCKET, bucket, null,
                    listing(l.prefix(), l.delimiter(), l.maxKeys()));
            case S3Operation.ListObjectsV2 l -> permissions.require(exchange, S3Actions.LIST_BUCKET, bucket, null,
                    listing(l.prefix(), l.delimiter(), l.maxKeys()));
            case S3Operation.ListObjectVersions l -> permissions.require(exchange, S3Actions.LIST_BUCKET_VERSIONS,
                    bucket, null, listing(l.prefix(), l.delimiter(), l.maxKeys()));
            case S3Operation.ListMultipartUploads l -> permissions.require(exchange,
                    S3Actions.LIST_BUCKET_MULTIPART_UPLOADS, bucket, null, listing(l.prefix(), l.delimiter(), null));
            default -> permissions.require(exchange, action(op), bucket, key,
                    op instanceof S3Operation.Writes ? written(http) : Map.of());
        }
    }

    /** The action of every operation asked for as a whole. */
    static String action(S3Operation op) {
        return switch (op) {
            case S3Operation.ListBuckets l -> S3Actions.LIST_ALL_MY_BUCKETS;
            case S3Operation.HeadBucket h -> S3Actions.LIST_BUCKET;
            case S3Operation.GetObject g -> g.versionId() == null ? S3Actions.GET_OBJECT : S3Actions.GET_OBJECT_VERSION;
            case S3Operation.HeadObject h -> h.versionId() == null ? S3Actions.GET_OBJECT
                    : S3Actions.GET_OBJECT_VERSION;
            case S3Operation.SelectObjectContent s -> S3Actions.GET_OBJECT;
            case S3Operation.GetObjectAttributes g -> g.versionId() == null ? S3Actions.GET_OBJECT_ATTRIBUTES
                    : S3Actions.GET_OBJECT_VERSION_ATTRIBUTES;
            case S3Operation.GetObjectAcl g -> g.versionId() == null ? S3Actions.GET_OBJECT_ACL
                    : S3Actions.GET_OBJECT_VERSION_ACL;
            case S3Operation.PutObjectAcl p -> p.versionId() == null ? S3Actions.PUT_OBJECT_ACL
                    : S3Actions.PUT_OBJECT_VERSION_ACL;
            case S3Operation.GetObjectTagging g -> g.versionId() == null ? S3Actions.GET_OBJECT_TAGGING
                    : S3Actions.GET_OBJECT_VERSION_TAGGING;
            case S3Operation.PutObjectTagging p -> p.versionId() == null ? S3Actions.PUT_OBJECT_TAGGING
                    : S3Actions.PUT_OBJECT_VERSION_TAGGING;
            case S3Operation.DeleteObjectTagging d -> d.versionId() == null ? S3Actions.DELETE_OBJECT_TAGGING
                    : S3Actions.DELETE_OBJECT_VERSION_TAGGING;
            case S3Operation.DeleteObject d -> d.versionId() == null ? S3Actions.DELETE_OBJECT
                    : S3Actions.DELETE_OBJECT_VERSION;
            case S3Operation.PostObject p -> S3Actions.PUT_OBJECT;
            case S3Operation.CreateMultipartUpload c -> S3Actions.PUT_OBJECT;
            case S3Operation.UploadPart u -> S3Actions.PUT_OBJECT;
            case S3Operation.CompleteMultipartUpload c -> S3Actions.PUT_OBJECT;
            case S3Operation.ListParts l -> S3Actions.LIST_MULTIPART_UPLOAD_PARTS;
            case S3Operation.GetBucketCors g -> S3Actions.GET_BUCKET_CORS;
            case S3Operation.PutBucketCors p -> S3Actions.PUT_BUCKET_CORS;
            case S3Operation.DeleteBucketCors d -> S3Actions.PUT_BUCKET_CORS;
            case S3Operation.GetBucketLifecycleConfiguration g -> "s3:GetLifecycleConfiguration";
            case S3Operation.PutBucketLifecycleConfiguration p -> "s3:PutLifecycleConfiguration";
            case S3Operation.DeleteBucketLifecycle d -> "s3:PutLifecycleConfiguration";
            case S3Operation.GetBucketEncryption g -> "s3:GetEncryptionConfiguration";
            case S3Operation.PutBucketEncryption p -> "s3:PutEncryptionConfiguration";
            case S3Operation.DeleteBucketEncryption d -> "s3:PutEncryptionConfiguration";
            case S3Operation.DeleteBucketTagging d -> S3Actions.PUT_BUCKET_TAGGING;
            case S3Operation.GetBucketNotificationConfiguration g -> "s3:GetBucketNotification";
            case S3Operation.PutBucketNotificationConfiguration p -> "s3:PutBucketNotification";
            case S3Operation.GetBucketReplication g -> "s3:GetReplicationConfiguration";
            case S3Operation.PutBucketReplication p -> "s3:PutReplicationConfiguration";
            case S3Operation.DeleteBucketReplication d -> "s3:PutReplicationConfiguration";
            case S3Operation.DeleteBucketOwnershipControls d -> "s3:PutBucketOwnershipControls";
            case S3Operation.GetPublicAccessBlock g -> "s3:GetBucketPublicAccessBlock";
            case S3Operation.PutPublicAccessBlock p -> "s3:PutBucketPublicAccessBlock";
            case S3Operation.DeletePublicAccessBlock d -> "s3:PutBucketPublicAccessBlock";
            case S3Operation.GetObjectLockConfiguration g -> "s3:GetBucketObjectLockConfiguration";
            case S3Operation.PutObjectLockConfiguration p -> "s3:PutBucketObjectLockConfiguration";
            case S3Operation.GetBucketAnalyticsConfiguration g -> "s3:GetAnalyticsConfiguration";
            case S3Operation.ListBucketAnalyticsConfigurations l -> "s3:GetAnalyticsConfiguration";
            case S3Operation.PutBucketAnalyticsConfiguration p -> "s3:PutAnalyticsConfiguration";
            case S3Operation.DeleteBucketAnalyticsConfiguration d -> "s3:PutAnalyticsConfiguration";
            case S3Operation.GetBucketInventoryConfiguration g -> "s3:GetInventoryConfiguration";
            case S3Operation.ListBucketInventoryConfigurations l -> "s3:GetInventoryConfiguration";
            case S3Operation.PutBucketInventoryConfiguration p -> "s3:PutInventoryConfiguration";
            case S3Operation.DeleteBucketInventoryConfiguration d -> "s3:PutInventoryConfiguration";
            case S3Operation.GetBucketMetricsConfiguration g -> "s3:GetMetricsConfiguration";
            case S3Operation.ListBucketMetricsConfigurations l -> "s3:GetMetricsConfiguration";
            case S3Operation.PutBucketMetricsConfiguration p -> "s3:PutMetricsConfiguration";
            case S3Operation.DeleteBucketMetricsConfiguration d -> "s3:PutMetricsConfiguration";
            case S3Operation.GetBucketIntelligentTieringConfiguration g -> "s3:GetIntelligentTieringConfiguration";
            case S3Operation.ListBucketIntelligentTieringConfigurations l -> "s3:GetIntelligentTieringConfiguration";
            case S3Operation.PutBucketIntelligentTieringConfiguration p -> "s3:PutIntelligentTieringConfiguration";
            case S3Operation.DeleteBucketIntelligentTieringConfiguration d ->
                    "s3:PutIntelligentTieringConfiguration";
            default -> "s3:" + op.name();
        };
    }

    private static Map<String, List<String>> listing(String prefix, String delimiter, Integer maxKeys) {
        Map<String, List<String>> context = new HashMap<>();
        context.put("s3:prefix", List.of(prefix == null ? "" : prefix));
        if (delimiter != null) {
            context.put("s3:delimiter", List.of(delimiter));
        }
        if (maxKeys != null) {
            context.put("s3:max-keys", List.of(maxKeys.toString()));
        }
        return context;
    }

    /**
     * A copy's condition keys: a write's, {@code s3:x-amz-copy-source} (bucket/key, as decoded) and
     * {@code s3:x-amz-metadata-directive} when the request has one.
     */
    private static Map<String, List<String>> copy(S3HttpRequest http, CopySource source) {
        Map<String, List<String>> context = written(http);
        context.put("s3:x-amz-copy-source", List.of(source.bucket() + "/" + source.key()));
        String directive = http.header("x-amz-metadata-directive");
        if (directive != null) {
            context.put("s3:x-amz-metadata-directive", List.of(directive.strip()));
        }
        return context;
    }

    /**
     * What a write asks for in its headers, as condition keys: the ACL ({@code s3:x-amz-acl} and
     * {@code s3:x-amz-grant-*}) and the tags ({@code s3:RequestObjectTag/<key>} and {@code s3:RequestObjectTagKeys},
     * from {@code x-amz-tagging}, refused here if malformed).
     */
    private static Map<String, List<String>> written(S3HttpRequest http) {
        Map<String, List<String>> context = new HashMap<>();
        for (String header : ACL_HEADERS) {
            String value = http.header(header);
            if (value != null) {
                context.put("s3:" + header, List.of(value));
            }
        }
        Map<String, String> tags = TagSets.fromHeader(http.header("x-amz-tagging"));
        if (!tags.isEmpty()) {
            tags.forEach((key, value) -> context.put(S3Actions.REQUEST_OBJECT_TAG + key, List.of(value)));
            context.put(S3Actions.REQUEST_OBJECT_TAG_KEYS, List.copyOf(tags.keySet()));
        }
        return context;
    }
}
