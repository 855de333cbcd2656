package io.cairn.s3;

import io.cairn.api.AclUpdate;
import io.cairn.api.BucketInfo;
import io.cairn.api.MetadataService;
import io.cairn.core.model.Acl;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * Get and Put of bucket and object ACLs. A bucket or object with no ACL set shows its owner's full control alone;
 * a new ACL replaces the grants and never the owner. What the grants allow is decided with the policies, by the
 * gateway's authorizer. A bucket whose Object Ownership is BucketOwnerEnforced has ACLs disabled: they cannot be
 * set, and its objects show as its owner's, with the owner's full control alone (what ACLs they had before are kept,
 * and count again if the setting changes, as in S3).
 */
final class AclOps {
    private final MetadataService meta;
    private final ObjectOps objects;
    private final BucketPolicies access;

    AclOps(MetadataService meta, ObjectOps objects, BucketPolicies access) {
        this.meta = meta;
        this.objects = objects;
        this.access = access;
    }

    void getBucketAcl(S3Call call) throws IOException {
        BucketInfo bucket = meta.bucket(call.bucket());
        call.sendXml(200, document(Owner.id(bucket.owner()), bucket.acl()));
    }

    void getObjectAcl(S3Call call, String versionId) throws IOException {
        ObjectVersion version = objects.liveVersion(call, versionId);
        BucketInfo bucket = meta.bucket(call.bucket());
        if (bucket.ownership() == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            call.sendXml(200, document(Owner.id(bucket.owner()), null));
            return;
        }
        call.sendXml(200, document(objectOwner(version, bucket), version.acl()));
    }

    void putBucketAcl(S3Call call) throws IOException {
        BucketInfo bucket = enablingAcls(call);
        String owner = Owner.id(bucket.owner());
        Acl acl = AclRequests.fromRequest(call, owner, owner);
        PublicAccessBlockOps.requireAclAllowed(bucket, acl);
        meta.setAcl(new AclUpdate(call.bucket(), null, null, acl));
        access.forget(call.bucket());
        call.sendEmpty(200);
    }

    void putObjectAcl(S3Call call, String versionId) throws IOException {
        BucketInfo bucket = enablingAcls(call);
        ObjectVersion version = objects.liveVersion(call, versionId);
        Acl acl = AclRequests.fromRequest(call, objectOwner(version, bucket), Owner.id(bucket.owner()));
        PublicAccessBlockOps.requireAclAllowed(bucket, acl);
        meta.setAcl(new AclUpdate(call.bucket(), call.key(), version.version(), acl));
        ObjectOps.writeVersionId(call, version);
        call.sendEmpty(200);
    }

    /** The request's bucket, unless its Object Ownership disables ACLs: AccessControlListNotSupported. */
    private BucketInfo enablingAcls(S3Call call) {
        BucketInfo bucket = meta.bucket(call.bucket());
        if (bucket.ownership() == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            throw ObjectOps.aclsDisabled();
        }
        return bucket;
    }

    private static String objectOwner(ObjectVersion version, BucketInfo bucket) {
        return version.acl() != null && version.acl().owner() != null ? version.acl().owner()
                : Owner.id(bucket.owner());
    }

    /** @param acl null for the default: the owner's full control */
    private static XmlWriter document(String owner, Acl acl) {
        // Groups first, as ceph/s3-tests reads them; the order of grants means nothing.
        List<Acl.Grant> grants = Acl.listed(acl, owner).stream()
                .sorted(Comparator.comparing(g -> g.group() == null)).toList();
        XmlWriter xml = XmlWriter.document("AccessControlPolicy");
        Owner.write(xml, owner);
        xml.start("AccessControlList");
        for (Acl.Grant grant : grants) {
            xml.start("Grant").start("Grantee")
                    .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
            if (grant.user() != null) {
                xml.attribute("xsi:type", "CanonicalUser").element("ID", grant.user())
                        .element("DisplayName", grant.user());
            } else {
                xml.attribute("xsi:type", "Group").element("URI", grant.group());
            }
            xml.end().element("Permission", grant.permission().name()).end();
        }
        return xml.end();
    }
}
