package io.cairn.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in identity policies, by the names MinIO gives them, so users and scripts coming from MinIO find the same
 * grants. {@code readonly} is MinIO's: objects can be read by name but buckets not listed (MinIO's
 * {@code consolereadonly} adds listing). {@code writeonly} adds to MinIO's {@code s3:PutObject} (which also covers
 * creating, uploading parts of and completing multipart uploads) aborting and listing the parts of an upload, so a
 * writer can resume or clean up its own uploads. {@code admin} is everything; {@code diagnostics} the read-only
 * cluster views. {@code own-buckets} is Cairn's, for a tenant: create buckets and list one's own; a bucket's creator
 * has full control of it and of everything in it, so such users keep to their own buckets and share them by bucket
 * policy or ACL.
 */
public final class CannedPolicy {
    private static final Map<String, Policy> POLICIES = Map.of(
            "readwrite", Policy.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::*"]}]}"""),
            "readonly", Policy.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:GetObject"],
                       "Resource": ["arn:aws:s3:::*"]}]}"""),
            "writeonly", Policy.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["s3:PutObject", "s3:AbortMultipartUpload",
                                                     "s3:ListMultipartUploadParts"],
                       "Resource": ["arn:aws:s3:::*"]}]}"""),
            "admin", Policy.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["admin:*"]},
                      {"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::*"]}]}"""),
            "own-buckets", Policy.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["s3:CreateBucket", "s3:ListAllMyBuckets"],
                       "Resource": ["arn:aws:s3:::*"]}]}"""),
            "diagnostics", Policy.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["admin:ServerInfo"]}]}"""));

    private CannedPolicy() {
    }

    /** The canned policy of that name (names are case-sensitive), or empty. */
    public static Optional<Policy> named(String name) {
        return Optional.ofNullable(POLICIES.get(name));
    }

    public static Set<String> names() {
        return POLICIES.keySet();
    }
}
