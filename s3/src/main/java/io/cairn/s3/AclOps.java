package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.Set;

/**
 * ACLs as Cairn has them: every bucket and object is private to the one owner. Reading an ACL says so; setting the
 * canned ACL that says so is accepted, and any other grant is refused (never recorded and silently ignored).
 */
final class AclOps {
    private static final Set<String> OWNER_ONLY = Set.of("private", "bucket-owner-full-control");

    private final MetadataService meta;
    private final ObjectOps objects;

    AclOps(MetadataService meta, ObjectOps objects) {
        this.meta = meta;
        this.objects = objects;
    }

    void getBucketAcl(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        call.sendXml(200, ownerOnly());
    }

    void getObjectAcl(S3Call call, String versionId) throws IOException {
        objects.liveVersion(call, versionId);
        call.sendXml(200, ownerOnly());
    }

    /** PutBucketAcl and PutObjectAcl: only the owner-only canned ACL, on a bucket or object that exists. */
    void putAcl(S3Call call, String versionId) throws IOException {
        String acl = call.header("x-amz-acl");
        if (acl == null || !OWNER_ONLY.contains(acl.strip())) {
            throw new S3Exception(S3Error.NotImplemented, "Cairn keeps every bucket and object private to its owner;"
                    + " only the canned ACL 'private' can be set");
        }
        if (call.key() == null) {
            meta.bucket(call.bucket());
        } else {
            objects.liveVersion(call, versionId);
        }
        call.sendEmpty(200);
    }

    private static XmlWriter ownerOnly() {
        XmlWriter xml = XmlWriter.document("AccessControlPolicy");
        Owner.write(xml);
        xml.start("AccessControlList").start("Grant");
        xml.start("Grantee").attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
                .attribute("xsi:type", "CanonicalUser")
                .element("ID", Owner.ID).element("DisplayName", Owner.DISPLAY_NAME).end();
        return xml.element("Permission", "FULL_CONTROL").end().end();
    }
}
