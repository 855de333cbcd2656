package io.cairn.auth;

import java.util.Set;

/**
 * The S3 policy actions of the operations Cairn serves, named as AWS names them so that policies written for S3 or
 * MinIO mean the same here. The gateway maps each operation to one of these; where AWS authorizes an operation by
 * another operation's action, Cairn does the same: HeadObject is {@link #GET_OBJECT}, HeadBucket is
 * {@link #LIST_BUCKET}, ListObjectVersions is {@link #LIST_BUCKET_VERSIONS}, ListParts is
 * {@link #LIST_MULTIPART_UPLOAD_PARTS}, creating, uploading a part of and completing a multipart upload are
 * {@link #PUT_OBJECT}, CopyObject is {@link #GET_OBJECT} on the source and {@link #PUT_OBJECT} on the target,
 * DeleteObjects is {@link #DELETE_OBJECT} for each key, PutBucketCors and DeleteBucketCors are
 * {@link #PUT_BUCKET_CORS}, and PutBucketTagging and DeleteBucketTagging are {@link #PUT_BUCKET_TAGGING}.
 */
public final class S3Actions {
    public static final String GET_OBJECT = "s3:GetObject";
    public static final String GET_OBJECT_VERSION = "s3:GetObjectVersion";
    public static final String GET_OBJECT_ATTRIBUTES = "s3:GetObjectAttributes";
    public static final String GET_OBJECT_VERSION_ATTRIBUTES = "s3:GetObjectVersionAttributes";
    public static final String GET_OBJECT_TAGGING = "s3:GetObjectTagging";
    public static final String GET_OBJECT_VERSION_TAGGING = "s3:GetObjectVersionTagging";
    public static final String PUT_OBJECT_TAGGING = "s3:PutObjectTagging";
    public static final String PUT_OBJECT_VERSION_TAGGING = "s3:PutObjectVersionTagging";
    public static final String DELETE_OBJECT_TAGGING = "s3:DeleteObjectTagging";
    public static final String DELETE_OBJECT_VERSION_TAGGING = "s3:DeleteObjectVersionTagging";
    public static final String PUT_OBJECT = "s3:PutObject";
    public static final String DELETE_OBJECT = "s3:DeleteObject";
    public static final String DELETE_OBJECT_VERSION = "s3:DeleteObjectVersion";
    public static final String GET_OBJECT_ACL = "s3:GetObjectAcl";
    public static final String PUT_OBJECT_ACL = "s3:PutObjectAcl";
    public static final String GET_OBJECT_VERSION_ACL = "s3:GetObjectVersionAcl";
    public static final String PUT_OBJECT_VERSION_ACL = "s3:PutObjectVersionAcl";
    public static final String ABORT_MULTIPART_UPLOAD = "s3:AbortMultipartUpload";
    public static final String LIST_MULTIPART_UPLOAD_PARTS = "s3:ListMultipartUploadParts";

    public static final String LIST_ALL_MY_BUCKETS = "s3:ListAllMyBuckets";
    public static final String CREATE_BUCKET = "s3:CreateBucket";
    public static final String DELETE_BUCKET = "s3:DeleteBucket";
    public static final String LIST_BUCKET = "s3:ListBucket";
    public static final String LIST_BUCKET_VERSIONS = "s3:ListBucketVersions";
    public static final String LIST_BUCKET_MULTIPART_UPLOADS = "s3:ListBucketMultipartUploads";
    public static final String GET_BUCKET_LOCATION = "s3:GetBucketLocation";
    public static final String GET_BUCKET_VERSIONING = "s3:GetBucketVersioning";
    public static final String PUT_BUCKET_VERSIONING = "s3:PutBucketVersioning";
    public static final String GET_BUCKET_POLICY = "s3:GetBucketPolicy";
    public static final String PUT_BUCKET_POLICY = "s3:PutBucketPolicy";
    public static final String DELETE_BUCKET_POLICY = "s3:DeleteBucketPolicy";
    public static final String GET_BUCKET_POLICY_STATUS = "s3:GetBucketPolicyStatus";
    public static final String GET_BUCKET_ACL = "s3:GetBucketAcl";
    public static final String PUT_BUCKET_ACL = "s3:PutBucketAcl";
    public static final String GET_BUCKET_CORS = "s3:GetBucketCORS";
    public static final String PUT_BUCKET_CORS = "s3:PutBucketCORS";
    public static final String GET_BUCKET_TAGGING = "s3:GetBucketTagging";
    public static final String PUT_BUCKET_TAGGING = "s3:PutBucketTagging";

    /** Condition key prefix of an existing object's tags: {@code s3:ExistingObjectTag/<tag key>}. */
    public static final String EXISTING_OBJECT_TAG = "s3:ExistingObjectTag/";
    /** Condition key prefix of the tags a write sets: {@code s3:RequestObjectTag/<tag key>}. */
    public static final String REQUEST_OBJECT_TAG = "s3:RequestObjectTag/";
    /** Condition key of the keys of the tags a write sets. */
    public static final String REQUEST_OBJECT_TAG_KEYS = "s3:RequestObjectTagKeys";

    /** The whole catalogue, for a gateway's check that every operation maps to a known action. */
    public static final Set<String> ALL = Set.of(
            GET_OBJECT, GET_OBJECT_VERSION, GET_OBJECT_ATTRIBUTES, GET_OBJECT_VERSION_ATTRIBUTES, GET_OBJECT_TAGGING,
            GET_OBJECT_VERSION_TAGGING, PUT_OBJECT_TAGGING, PUT_OBJECT_VERSION_TAGGING, DELETE_OBJECT_TAGGING,
            DELETE_OBJECT_VERSION_TAGGING, PUT_OBJECT, DELETE_OBJECT, DELETE_OBJECT_VERSION, GET_OBJECT_ACL,
            PUT_OBJECT_ACL, GET_OBJECT_VERSION_ACL, PUT_OBJECT_VERSION_ACL, ABORT_MULTIPART_UPLOAD,
            LIST_MULTIPART_UPLOAD_PARTS,
            LIST_ALL_MY_BUCKETS, CREATE_BUCKET, DELETE_BUCKET, LIST_BUCKET, LIST_BUCKET_VERSIONS,
            LIST_BUCKET_MULTIPART_UPLOADS, GET_BUCKET_LOCATION, GET_BUCKET_VERSIONING, PUT_BUCKET_VERSIONING,
            GET_BUCKET_POLICY, PUT_BUCKET_POLICY, DELETE_BUCKET_POLICY, GET_BUCKET_POLICY_STATUS, GET_BUCKET_ACL,
            PUT_BUCKET_ACL, GET_BUCKET_CORS, PUT_BUCKET_CORS, GET_BUCKET_TAGGING, PUT_BUCKET_TAGGING);

    private S3Actions() {
    }
}
