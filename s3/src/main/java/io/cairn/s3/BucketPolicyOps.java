package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.auth.Policy;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Get/Put/DeleteBucketPolicy and GetBucketPolicyStatus: the JSON document as given, kept in the metadata. */
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

    /** IsPublic: whether the policy lets anyone at all, signed or not, do something with the bucket. */
    void status(S3Call call) throws IOException {
        String document = existing(call);
        call.sendXml(200, XmlWriter.document("PolicyStatus").element("IsPublic",
                Policy.parseBucketPolicy(document, call.bucket()).grantsEveryone()));
    }

    void put(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        byte[] body = call.body().readNBytes(Policy.MAX_BYTES + 1);
        if (body.length > Policy.MAX_BYTES) {
            throw new S3Exception(S3Error.MalformedPolicy, "Policies are limited to " + Policy.MAX_BYTES + " bytes");
        }
        try {
            policies.put(call.bucket(), new String(body, StandardCharsets.UTF_8));
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
