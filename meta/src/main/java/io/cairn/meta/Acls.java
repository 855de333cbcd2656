package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.ObjectOwnership;

/**
 * The checks every command that sets an ACL makes when it is applied: a grant names a user who exists, and a bucket
 * whose Object Ownership disables ACLs grants nobody but its owner.
 */
final class Acls {
    /** The root user's canonical ID in ACLs: not a stored user, always there. */
    static final String ROOT = "root";

    private Acls() {
    }

    static void requireGrantees(Acl acl, Tx tx) {
        if (acl == null) {
            return;
        }
        for (Acl.Grant grant : acl.grants()) {
            if (grant.user() != null && !grant.user().equals(ROOT) && tx.user(grant.user()) == null) {
                throw new CairnException(ErrorCode.INVALID_ARGUMENT, "no user '" + grant.user() + "' to grant "
                        + grant.permission() + " to");
            }
        }
    }

    /**
     * A bucket with {@link ObjectOwnership#BUCKET_OWNER_ENFORCED} has no ACL but its owner's full control; refused
     * (INVALID_ARGUMENT) when a bucket would have both.
     *
     * @param owner the bucket's owner as stored (null for the root user)
     */
    static void requireAclsAllowed(ObjectOwnership ownership, Acl bucketAcl, String owner) {
        if (ownership != ObjectOwnership.BUCKET_OWNER_ENFORCED || bucketAcl == null) {
            return;
        }
        String ownerId = owner == null ? ROOT : owner;
        for (Acl.Grant grant : bucketAcl.grants()) {
            if (!ownerId.equals(grant.user())) {
                throw new CairnException(ErrorCode.INVALID_ARGUMENT, "the bucket's ACL grants "
                        + (grant.user() == null ? grant.group() : grant.user()) + " " + grant.permission()
                        + ", which Object Ownership " + ownership.wireName() + " does not allow");
            }
        }
    }
}
