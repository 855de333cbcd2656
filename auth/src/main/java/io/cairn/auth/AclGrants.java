package io.cairn.auth;

import io.cairn.core.model.Acl;
import io.cairn.core.model.Acl.Grant;
import io.cairn.core.model.Acl.Permission;
import java.util.Optional;

/**
 * What an ACL allows, with AWS's mapping of ACL permissions to actions. On a bucket: READ lists it
 * ({@code s3:ListBucket}, {@code s3:ListBucketVersions}, {@code s3:ListBucketMultipartUploads}); WRITE creates,
 * overwrites and deletes any object in it; READ_ACP and WRITE_ACP read and replace the bucket's ACL. On an object:
 * READ gets it (any version), READ_ACP and WRITE_ACP read and replace its ACL. FULL_CONTROL is all of them. An
 * object's owner (its writer) has full control of it. ACLs only ever allow: an explicit Deny of a policy wins over
 * them, and the caller asks here only after {@link PolicyEngine} found no Deny.
 */
public final class AclGrants {
    private AclGrants() {
    }

    /** Whether a bucket's ACL allows {@code action} on the bucket or on an object in it. */
    public static boolean allowsOnBucket(Acl acl, Principal principal, String action) {
        return acl != null && bucketPermission(action).filter(p -> granted(acl, principal, p)).isPresent();
    }

    /** Whether an object version's ACL allows {@code action} on it. */
    public static boolean allowsOnObject(Acl acl, Principal principal, String action) {
        if (acl == null) {
            return false;
        }
        Optional<Permission> needed = objectPermission(action);
        if (needed.isEmpty()) {
            return false;
        }
        return !principal.isAnonymous() && principal.user().equals(acl.owner()) || granted(acl, principal,
                needed.get());
    }

    private static boolean granted(Acl acl, Principal principal, Permission needed) {
        for (Grant grant : acl.grants()) {
            if (grant.permission().includes(needed) && matches(grant, principal)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Grant grant, Principal principal) {
        if (grant.user() != null) {
            return grant.user().equals(principal.user());
        }
        return switch (grant.group()) {
            case Acl.ALL_USERS -> true;
            case Acl.AUTHENTICATED_USERS -> !principal.isAnonymous();
            default -> false;
        };
    }

    private static Optional<Permission> bucketPermission(String action) {
        return Optional.ofNullable(switch (action) {
            case S3Actions.LIST_BUCKET, S3Actions.LIST_BUCKET_VERSIONS, S3Actions.LIST_BUCKET_MULTIPART_UPLOADS ->
                    Permission.READ;
            case S3Actions.PUT_OBJECT, S3Actions.DELETE_OBJECT, S3Actions.DELETE_OBJECT_VERSION,
                 S3Actions.ABORT_MULTIPART_UPLOAD, S3Actions.LIST_MULTIPART_UPLOAD_PARTS -> Permission.WRITE;
            case S3Actions.GET_BUCKET_ACL -> Permission.READ_ACP;
            case S3Actions.PUT_BUCKET_ACL -> Permission.WRITE_ACP;
            default -> null;
        });
    }

    private static Optional<Permission> objectPermission(String action) {
        return Optional.ofNullable(switch (action) {
            case S3Actions.GET_OBJECT, S3Actions.GET_OBJECT_VERSION -> Permission.READ;
            case S3Actions.GET_OBJECT_ACL, S3Actions.GET_OBJECT_VERSION_ACL -> Permission.READ_ACP;
            case S3Actions.PUT_OBJECT_ACL, S3Actions.PUT_OBJECT_VERSION_ACL -> Permission.WRITE_ACP;
            default -> null;
        });
    }

    /** Whether an action is one an object's ACL can allow (so that the object is worth looking up for it). */
    public static boolean isObjectAclAction(String action) {
        return objectPermission(action).isPresent();
    }
}
