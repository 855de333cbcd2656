package io.cairn.auth;

import io.cairn.core.model.Acl;
import io.cairn.core.model.Acl.Grant;
import io.cairn.core.model.Acl.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * S3's canned ACLs (the {@code x-amz-acl} header) and the grants each stands for: what it grants others, then the
 * owner's full control, in the order ceph/s3-tests expects them listed ({@link AclGrants} decides what they allow).
 */
public enum CannedAcl {
    /** Only the owner. */
    PRIVATE("private"),
    /** Everyone may read (list a bucket, get an object). */
    PUBLIC_READ("public-read"),
    /** Everyone may read, and write into a bucket (on an object WRITE means nothing). */
    PUBLIC_READ_WRITE("public-read-write"),
    /** Every authenticated user may read. */
    AUTHENTICATED_READ("authenticated-read"),
    /** On an object: the bucket's owner may read it (and its owner has full control in Cairn anyway). */
    BUCKET_OWNER_READ("bucket-owner-read"),
    /** On an object: the bucket's owner has full control. */
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
    /** S3's log delivery group may write a bucket; Cairn writes no access logs, so the grant allows nothing. */
    LOG_DELIVERY_WRITE("log-delivery-write"),
    /** A grant to EC2, which Cairn does not have: nothing beyond the owner. */
    AWS_EXEC_READ("aws-exec-read");

    private final String wireName;

    CannedAcl(String wireName) {
        this.wireName = wireName;
    }

    /** The header value, e.g. {@code public-read}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The canned ACL of an {@code x-amz-acl} value, matched case-sensitively as S3 does.
     *
     * @throws PolicyException naming the value and the accepted ones
     */
    public static CannedAcl parse(String value) {
        return Arrays.stream(values()).filter(acl -> acl.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new PolicyException("unknown canned ACL '" + value + "'; x-amz-acl must be one of "
                        + Arrays.stream(values()).map(CannedAcl::wireName).collect(Collectors.joining(", "))));
    }

    /**
     * The grants this ACL stands for, the owner's full control last.
     *
     * @param owner       who owns the bucket or object the ACL is put on
     * @param bucketOwner who owns the bucket (for an object's bucket-owner ACLs); the same as {@code owner} on a
     *                    bucket
     */
    public List<Grant> grants(String owner, String bucketOwner) {
        List<Grant> grants = new ArrayList<>();
        switch (this) {
            case PRIVATE, AWS_EXEC_READ -> {
            }
            case PUBLIC_READ -> grants.add(Grant.toGroup(Acl.ALL_USERS, Permission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(Grant.toGroup(Acl.ALL_USERS, Permission.READ));
                grants.add(Grant.toGroup(Acl.ALL_USERS, Permission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(Grant.toGroup(Acl.AUTHENTICATED_USERS, Permission.READ));
            case BUCKET_OWNER_READ -> {
                if (!owner.equals(bucketOwner)) {
                    grants.add(Grant.toUser(bucketOwner, Permission.READ));
                }
            }
            case BUCKET_OWNER_FULL_CONTROL -> {
                if (!owner.equals(bucketOwner)) {
                    grants.add(Grant.toUser(bucketOwner, Permission.FULL_CONTROL));
                }
            }
            case LOG_DELIVERY_WRITE -> {
                grants.add(Grant.toGroup(Acl.LOG_DELIVERY, Permission.WRITE));
                grants.add(Grant.toGroup(Acl.LOG_DELIVERY, Permission.READ_ACP));
            }
        }
        grants.add(Grant.toUser(owner, Permission.FULL_CONTROL));
        return List.copyOf(grants);
    }
}
