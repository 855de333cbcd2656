package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.List;

/**
 * Get/Put/DeleteBucketOwnershipControls: a bucket's Object Ownership, one rule naming who owns the objects written
 * into it. What the setting does to writes and ACLs is {@link ObjectOps#objectAcl} and {@link AclOps}'s.
 */
final class BucketOwnershipOps {
    private static final int MAX_BODY = 16 * 1024;

    private final MetadataService meta;
    private final BucketPolicies access;

    BucketOwnershipOps(MetadataService meta, BucketPolicies access) {
        this.meta = meta;
        this.access = access;
    }

    void get(S3Call call) throws IOException {
        ObjectOwnership ownership = meta.bucket(call.bucket()).ownership();
        if (ownership == null) {
            throw new S3Exception(S3Error.OwnershipControlsNotFoundError, "The bucket ownership controls were not "
                    + "found");
        }
        call.sendXml(200, XmlWriter.document("OwnershipControls")
                .start("Rule").element("ObjectOwnership", ownership.wireName()).end());
    }

    void put(S3Call call) throws IOException {
        ObjectOwnership ownership = fromDocument(call.xmlBody(MAX_BODY));
        try {
            meta.setOwnership(call.bucket(), ownership);
        } catch (CairnException e) {
            if (e.code() == ErrorCode.INVALID_ARGUMENT) {
                throw new S3Exception(S3Error.InvalidBucketAclWithObjectOwnership, "Bucket cannot have ACLs set "
                        + "with ObjectOwnership's BucketOwnerEnforced setting: " + e.getMessage());
            }
            throw e;
        }
        // The gateway's authorizer keeps what it knows of a bucket a few seconds; ACLs may have stopped counting.
        access.forget(call.bucket());
        call.sendEmpty(200);
    }

    void delete(S3Call call) throws IOException {
        meta.setOwnership(call.bucket(), null);
        access.forget(call.bucket());
        call.sendEmpty(204);
    }

    /** CreateBucket's {@code x-amz-object-ownership}, or null without one. */
    static ObjectOwnership fromHeader(String header) {
        return header == null ? null : parse(header.strip());
    }

    private static ObjectOwnership fromDocument(XmlBody body) {
        if (body == null || !"OwnershipControls".equals(body.rootName())) {
            throw new S3Exception(S3Error.MalformedXML, "expected an OwnershipControls element");
        }
        List<XmlBody> rules = body.children("Rule");
        if (rules.size() != 1 || rules.getFirst().trimmed("ObjectOwnership") == null) {
            throw new S3Exception(S3Error.MalformedXML, "OwnershipControls holds one Rule with an ObjectOwnership");
        }
        return parse(rules.getFirst().trimmed("ObjectOwnership"));
    }

    private static ObjectOwnership parse(String name) {
        return ObjectOwnership.fromWireName(name).orElseThrow(() -> new S3Exception(S3Error.InvalidArgument,
                "Invalid x-amz-object-ownership value '" + name + "': BucketOwnerEnforced, BucketOwnerPreferred or "
                        + "ObjectWriter"));
    }
}
