package io.cairn.s3;

import io.cairn.api.BucketInfo;
import io.cairn.api.MetadataService;
import io.cairn.auth.CannedAcl;
import io.cairn.auth.S3Actions;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.Versioning;
import io.cairn.s3.router.BucketNames;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The bucket operations: list, create, head, delete, location and versioning. */
final class BucketOps {
    private static final int MAX_CONFIG_BYTES = 64 * 1024;
    /** S3's first region, with its own rules (no location constraint, re-creation answered 200). */
    private static final String US_EAST_1 = "us-east-1";

    private final MetadataService meta;
    private final String region;
    private final BucketPolicies access;
    private final BucketCors cors;

    BucketOps(MetadataService meta, String region, BucketPolicies access, BucketCors cors) {
        this.meta = meta;
        this.region = region;
        this.access = access;
        this.cors = cors;
    }

    /**
     * {@code x-amz-expected-bucket-owner} (and a copy's {@code x-amz-source-expected-bucket-owner}): a request meant
     * for a bucket of someone else is refused rather than served by a bucket of the same name.
     */
    void requireExpectedOwner(S3Call call) {
        if (call.op() instanceof S3Operation.CreateBucket) {
            return;
        }
        requireOwner(call.header("x-amz-expected-bucket-owner"), call.bucket());
        String copySource = call.header("x-amz-copy-source");
        if (copySource != null) {
            requireOwner(call.header("x-amz-source-expected-bucket-owner"), CopySource.parse(copySource).bucket());
        }
    }

    private void requireOwner(String expected, String bucket) {
        if (expected != null && bucket != null && !expected.strip().equals(Owner.ofBucket(meta, bucket))) {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied: the bucket's owner is not the expected "
                    + "bucket owner");
        }
    }

    /** Buckets by name, filtered by prefix and paged by a token that is the last name of the page before. */
    void list(S3Call call, S3Operation.ListBuckets op) throws IOException {
        int max = op.maxBuckets() == null ? Integer.MAX_VALUE : op.maxBuckets();
        String after = op.continuationToken() == null ? null : S3Formats.afterToken(op.continuationToken());
        // As MinIO does: a user sees the buckets they may list, not every bucket of the cluster.
        List<BucketInfo> matching = meta.buckets().stream()
                .filter(b -> op.prefix() == null || b.name().startsWith(op.prefix()))
                .filter(b -> call.permissions().allows(call.exchange(), S3Actions.LIST_BUCKET, b.name(), null))
                .filter(b -> after == null || b.name().compareTo(after) > 0)
                .sorted(Comparator.comparing(BucketInfo::name))
                .toList();
        List<BucketInfo> page = matching.subList(0, Math.min(max, matching.size()));
        XmlWriter xml = XmlWriter.document("ListAllMyBucketsResult");
        Owner.write(xml, Owner.of(call.exchange().caller()));
        xml.start("Buckets");
        for (BucketInfo bucket : page) {
            xml.start("Bucket")
                    .element("Name", bucket.name())
                    .element("CreationDate", S3Formats.iso(Instant.parse(bucket.created_at()).toEpochMilli()))
                    .element("BucketRegion", region)
                    .end();
        }
        xml.end();
        if (page.size() < matching.size()) {
            xml.element("ContinuationToken", S3Formats.continuationToken(page.getLast().name()));
        }
        xml.element("Prefix", op.prefix());
        call.sendXml(200, xml);
    }

    /**
     * Creating a bucket that exists. Names are one namespace: someone else's bucket is taken. One's own is
     * BucketAlreadyOwnedByYou, except in us-east-1 where S3 answers 200 for it; there Cairn changes nothing, and
     * refuses as taken a re-creation asking for other grants (as Ceph does) rather than answer 200 without applying
     * them.
     */
    private void recreate(BucketInfo existing, String owner, Acl requested) {
        if (!Objects.equals(existing.owner(), owner)) {
            throw new S3Exception(S3Error.BucketAlreadyExists, "The requested bucket name is not available.");
        }
        if (!region.equals(US_EAST_1)) {
            throw new S3Exception(S3Error.BucketAlreadyOwnedByYou, "Your previous request to create the named bucket"
                    + " succeeded and you already own it.");
        }
        String ownerId = Owner.id(owner);
        if (!Set.copyOf(Acl.listed(existing.acl(), ownerId)).equals(Set.copyOf(Acl.listed(requested, ownerId)))) {
            throw new S3Exception(S3Error.BucketAlreadyExists, "The bucket exists with other grants than those asked"
                    + " for: change them with PutBucketAcl.");
        }
    }

    void create(S3Call call) throws IOException {
        BucketNames.validate(call.bucket());
        if ("true".equalsIgnoreCase(call.header("x-amz-bucket-object-lock-enabled"))) {
            throw new S3Exception(S3Error.NotImplemented, "Cairn does not support object lock");
        }
        String constraint = locationConstraint(call);
        if (constraint != null && !constraint.isEmpty() && !constraint.equals(region)) {
            throw new S3Exception(S3Error.InvalidArgument, "the location constraint '" + constraint
                    + "' is not this server's region '" + region + "'");
        }
        String owner = call.exchange().caller().bucketOwner();
        Acl acl = AclRequests.fromHeaders(call, Owner.id(owner), () -> Owner.id(owner));
        ObjectOwnership ownership = BucketOwnershipOps.fromHeader(call.header("x-amz-object-ownership"));
        if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED && !AclRequests.asksNothingBut(call,
                Set.of(CannedAcl.PRIVATE, CannedAcl.BUCKET_OWNER_FULL_CONTROL))) {
            throw new S3Exception(S3Error.InvalidBucketAclWithObjectOwnership, "Bucket cannot have ACLs set with "
                    + "ObjectOwnership's BucketOwnerEnforced setting");
        }
        try {
            meta.createBucket(call.bucket(), Versioning.UNVERSIONED, owner, acl, ownership);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            recreate(meta.bucket(call.bucket()), owner, acl);
        }
        // A bucket of this name deleted a moment ago may still be remembered with its former owner and CORS rules.
        forget(call.bucket());
        call.setHeader("Location", "/" + call.bucket());
        call.sendEmpty(200);
    }

    private static String locationConstraint(S3Call call) throws IOException {
        XmlBody body = call.xmlBody(MAX_CONFIG_BYTES);
        return body == null ? null : body.trimmed("LocationConstraint");
    }

    void head(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        call.setHeader("x-amz-bucket-region", region);
        call.sendEmpty(200);
    }

    void delete(S3Call call) throws IOException {
        meta.deleteBucket(call.bucket());
        forget(call.bucket());
        call.sendEmpty(204);
    }

    private void forget(String bucket) {
        access.forget(bucket);
        cors.forget(bucket);
    }

    void location(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        // S3 answers an empty constraint for its original region, us-east-1.
        String constraint = US_EAST_1.equals(region) ? null : region;
        call.sendXml(200, XmlWriter.document("LocationConstraint").text(constraint));
    }

    void getVersioning(S3Call call) throws IOException {
        Versioning versioning = meta.bucket(call.bucket()).versioning();
        XmlWriter xml = XmlWriter.document("VersioningConfiguration");
        switch (versioning) {
            case ENABLED -> xml.element("Status", "Enabled");
            case SUSPENDED -> xml.element("Status", "Suspended");
            case UNVERSIONED -> {
                // S3 leaves Status out for a bucket that never had versioning.
            }
        }
        call.sendXml(200, xml);
    }

    void putVersioning(S3Call call) throws IOException {
        XmlBody body = call.xmlBody(MAX_CONFIG_BYTES);
        if (body == null || !"VersioningConfiguration".equals(body.rootName())) {
            throw new S3Exception(S3Error.MalformedXML, "expected a VersioningConfiguration");
        }
        if ("Enabled".equals(body.trimmed("MfaDelete"))) {
            throw new S3Exception(S3Error.NotImplemented, "Cairn does not support MFA delete");
        }
        String status = body.trimmed("Status");
        Versioning versioning = switch (status == null ? "" : status) {
            case "Enabled" -> Versioning.ENABLED;
            case "Suspended" -> Versioning.SUSPENDED;
            default -> throw new S3Exception(S3Error.MalformedXML, "Status must be Enabled or Suspended");
        };
        meta.setVersioning(call.bucket(), versioning);
        call.sendEmpty(200);
    }
}
