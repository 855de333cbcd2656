package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;

/** The check every command that sets an ACL makes when it is applied: a grant names a user who exists. */
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
}
