package io.cairn.s3;

import io.cairn.api.BucketInfo;
import io.cairn.api.MetadataService;
import io.cairn.auth.Policy;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Get/Put/DeleteBucketPolicy and GetBucketPolicyStatus: the JSON document as given, kept in the metadata; the status
 * also counts the bucket's ACL.
 */
final class BucketPolicyOps {
    private final MetadataService meta;
    private final BucketPolicies policies;

    BucketPolicyOps(MetadataService meta, BucketPolicies policies) {
        this.meta = meta;
        this.policies = policies;
    }

    void get(S3Call call) throws IOException {
        String document = existing(call);
        call.exchange().send(200, "application/json", document.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * IsPublic: whether the policy lets anyone at all, signed or not, do something with the bucket, or its ACL grants
     * everyone or every authenticated user something; a bucket with neither is not public.
     */
    void status(S3Call call) throws IOException {
        BucketInfo bucket = meta.bucket(call.bucket());
        boolean policy = policies.get(call.bucket())
                .map(document -> Policy.parseBucketPolicy(document, call.bucket()).grantsEveryone()).orElse(false);
        boolean acl = bucket.acl() != null && bucket.acl().grantsPublic();
        call.sendXml(200, XmlWriter.document("PolicyStatus").element("IsPublic", policy || acl));
    }

    /** A public policy is refused (AccessDenied) where the bucket's Block Public Access blocks public policies. */
    void put(S3Call call) throws IOException {
        BucketInfo bucket = meta.bucket(call.bucket());
        byte[] body = call.body().readNBytes(Policy.MAX_BYTES + 1);
        if (body.length > Policy.MAX_BYTES) {
            throw new S3Exception(S3Error.MalformedPolicy, "Policies are limited to " + Policy.MAX_BYTES + " bytes");
        }
        String document = new String(body, StandardCharsets.UTF_8);
        try {
            if (PublicAccessBlock.orNone(bucket.publicAccessBlock()).blockPublicPolicy()
                    && Policy.parseBucketPolicy(document, call.bucket()).grantsEveryone()) {
                throw new S3Exception(S3Error.AccessDenied, "Access Denied: the bucket's Block Public Access "
                        + "settings block public policies");
            }
            policies.put(call.bucket(), document);
        } catch (CairnException e) {
            if (e.code() == ErrorCode.INVALID_ARGUMENT) {
                throw new S3Exception(S3Error.MalformedPolicy, e.getMessage());
            }
            throw e;
        }
        call.sendEmpty(204);
    }

    void delete(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        policies.delete(call.bucket());
        call.sendEmpty(204);
    }

    private String existing(S3Call call) {
        meta.bucket(call.bucket());
        return policies.get(call.bucket()).orElseThrow(() -> new S3Exception(S3Error.NoSuchBucketPolicy,
                "The bucket policy does not exist"));
    }
}
