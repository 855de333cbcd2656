package io.cairn.core.model;

import java.util.List;
import java.util.Objects;

/**
 * An S3 access control list of a bucket or of one object version: who owns it, and its grants as S3 lists them (the
 * owner's own full control among them; with no ACL set, that grant alone). Grantees are users (by name, which is
 * their canonical ID) or S3's predefined groups. Whatever the grants say, the owner keeps full control, and the
 * bucket's owner and the root user may do anything in a bucket (decided by the gateway's authorizer, with the
 * policies).
 *
 * @param owner  for an object, the user who wrote it; null for a bucket (its owner is kept beside it) or an object
 *               written by the bucket's owner, root or an anonymous caller, which the bucket's owner owns
 * @param grants in the order given
 */
public record Acl(String owner, List<Grant> grants) {
    /** Everyone, anonymous requests included. */
    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    /** Every request signed by a user of the cluster. */
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    /** S3's log delivery group: Cairn writes no access logs into buckets, so a grant to it allows nothing. */
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public Acl {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /**
     * Whether the ACL is public in S3's sense: it grants something to everyone ({@link #ALL_USERS}) or to every
     * authenticated user ({@link #AUTHENTICATED_USERS}).
     */
    public boolean grantsPublic() {
        return grants.stream().anyMatch(Acl::isPublic);
    }

    /** This ACL without its public grants (what it allows where Block Public Access ignores them). */
    public Acl withoutPublicGrants() {
        return new Acl(owner, grants.stream().filter(g -> !isPublic(g)).toList());
    }

    // Static, not a method of Grant: an is-getter would become a field of every stored grant.
    private static boolean isPublic(Grant grant) {
        return ALL_USERS.equals(grant.group()) || AUTHENTICATED_USERS.equals(grant.group());
    }

    /** The grants as S3 lists them: with no ACL set, the owner's full control alone. */
    public static List<Grant> listed(Acl acl, String owner) {
        return acl == null ? List.of(Grant.toUser(owner, Permission.FULL_CONTROL)) : acl.grants();
    }

    /** What a grant allows, as S3 names it. */
    public enum Permission {
        READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL;

        /** Whether a grant of this permission includes {@code wanted}. */
        public boolean includes(Permission wanted) {
            return this == wanted || this == FULL_CONTROL;
        }
    }

    /**
     * One grant.
     *
     * @param group a group URI ({@link #ALL_USERS}, {@link #AUTHENTICATED_USERS}, {@link #LOG_DELIVERY}), or null
     * @param user  a user's name, when {@code group} is null
     */
    public record Grant(String group, String user, Permission permission) {
        public Grant {
            Objects.requireNonNull(permission, "permission");
            if ((group == null) == (user == null)) {
                throw new IllegalArgumentException("a grant names either a group or a user");
            }
        }

        public static Grant toGroup(String group, Permission permission) {
            return new Grant(group, null, permission);
        }

        public static Grant toUser(String user, Permission permission) {
            return new Grant(null, user, permission);
        }
    }
}
