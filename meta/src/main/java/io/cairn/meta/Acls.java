package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.PublicAccessBlock;

/**
 * The checks every command that sets an ACL makes when it is applied: a grant names a user who exists, a bucket
 * whose Object Ownership disables ACLs grants nobody but its owner, and a bucket whose Block Public Access blocks
 * public ACLs takes none, for itself or its objects.
 */
final class Acls {
    /** The root user's canonical ID in ACLs: not a stored user, always there. */
    static final String ROOT = "root";

    private Acls() {
    }

    /**
     * An ACL set on {@code bucket} or an object in it: its grantees exist, and it is not public where the bucket
     * blocks public ACLs (ACCESS_DENIED). Decided here, in log order, since the setting may change between the
     * gateway's check and this command's turn.
     */
    static void requireSettable(BucketRecord bucket, Acl acl, Tx tx) {
        requireGrantees(acl, tx);
        if (acl != null && acl.grantsPublic()
                && PublicAccessBlock.orNone(bucket.publicAccessBlock()).blockPublicAcls()) {
            throw new CairnException(ErrorCode.ACCESS_DENIED, "bucket '" + bucket.name() + "' blocks public ACLs "
                    + "(Block Public Access)");
        }
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
