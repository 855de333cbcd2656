package io.cairn.s3;

import io.cairn.api.BucketInfo;
import io.cairn.api.MetadataService;
import io.cairn.api.PublicAccessBlockUpdate;
import io.cairn.core.model.Acl;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;

/**
 * Get/Put/DeletePublicAccessBlock: a bucket's Block Public Access settings. What they do is decided where each
 * belongs: public ACLs are refused here before a write starts ({@link #requireAclAllowed}) and again by the state
 * machine when the ACL is committed; a public policy is refused by {@link BucketPolicyOps}; public ACL grants and a
 * public policy's reach to anonymous callers are left out by the gateway's authorizer.
 */
final class PublicAccessBlockOps {
    private static final int MAX_BODY = 16 * 1024;
    private static final String ROOT = "PublicAccessBlockConfiguration";

    private final MetadataService meta;
    private final BucketPolicies access;

    PublicAccessBlockOps(MetadataService meta, BucketPolicies access) {
        this.meta = meta;
        this.access = access;
    }

    void get(S3Call call) throws IOException {
        PublicAccessBlock block = meta.bucket(call.bucket()).publicAccessBlock();
        if (block == null) {
            throw new S3Exception(S3Error.NoSuchPublicAccessBlockConfiguration, "The public access block "
                    + "configuration was not found");
        }
        call.sendXml(200, XmlWriter.document(ROOT)
                .element("BlockPublicAcls", block.blockPublicAcls())
                .element("IgnorePublicAcls", block.ignorePublicAcls())
                .element("BlockPublicPolicy", block.blockPublicPolicy())
                .element("RestrictPublicBuckets", block.restrictPublicBuckets()));
    }

    void put(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        PublicAccessBlock block = fromDocument(call.xmlBody(MAX_BODY));
        meta.setPublicAccessBlock(new PublicAccessBlockUpdate(call.bucket(), block));
        // The gateway's authorizer keeps what it knows of a bucket a few seconds; public grants may stop counting.
        access.forget(call.bucket());
        call.sendEmpty(200);
    }

    void delete(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        meta.setPublicAccessBlock(new PublicAccessBlockUpdate(call.bucket(), null));
        access.forget(call.bucket());
        call.sendEmpty(204);
    }

    /** Refuses (AccessDenied) a public ACL for {@code bucket} or an object in it where the bucket blocks them. */
    static void requireAclAllowed(BucketInfo bucket, Acl acl) {
        if (acl != null && acl.grantsPublic()
                && PublicAccessBlock.orNone(bucket.publicAccessBlock()).blockPublicAcls()) {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied: the bucket's Block Public Access settings "
                    + "block public ACLs");
        }
    }

    /** A setting left out is false, as in S3. */
    private static PublicAccessBlock fromDocument(XmlBody body) {
        if (body == null || !ROOT.equals(body.rootName())) {
            throw new S3Exception(S3Error.MalformedXML, "expected a " + ROOT + " element");
        }
        return new PublicAccessBlock(setting(body, "BlockPublicAcls"), setting(body, "IgnorePublicAcls"),
                setting(body, "BlockPublicPolicy"), setting(body, "RestrictPublicBuckets"));
    }

    private static boolean setting(XmlBody body, String name) {
        if (body.children(name).size() > 1) {
            throw new S3Exception(S3Error.MalformedXML, name + " is given more than once");
        }
        String value = body.trimmed(name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new S3Exception(S3Error.MalformedXML, name + " is true or false, not '" + value + "'");
        };
    }
}
