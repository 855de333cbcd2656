package io.cairn.auth;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one place S3 and REST requests are authorized, with AWS's evaluation logic: an explicit Deny in any applicable
 * statement wins; otherwise a request is allowed if a statement of one of the user's identity policies allows it, or
 * a statement of a resource policy (the bucket policy) whose principal matches allows it; otherwise it is implicitly
 * denied (and the caller may still find it allowed by ownership or an ACL, {@link AclGrants}, unless denied
 * explicitly). Identity policies belong to users: they never apply to anonymous requests,
 * neither to allow nor to deny.
 *
 * <p>The root user is not decided here: callers allow root before asking (root may do everything, whatever a policy
 * says). If asked anyway, the engine treats root as the user of that name, with no exception.
 *
 * <p>Which policies are passed is the caller's part: the identity policies attached to the user, and the bucket
 * policy of the bucket the request is on (none for account-wide and admin actions).
 */
public final class PolicyEngine {
    private PolicyEngine() {
    }

    /**
     * @param identityPolicies the policies attached to the user (ignored for anonymous requests)
     * @param bucketPolicy     the policy of the request's bucket, if it has one
     * @throws IllegalArgumentException if a bucket policy is passed as an identity policy or the reverse
     */
    public static Decision decide(AccessRequest request, List<Policy> identityPolicies, Optional<Policy> bucketPolicy) {
        return decide(request, identityPolicies, bucketPolicy.map(List::of).orElse(List.of()));
    }

    /**
     * As {@link #decide(AccessRequest, List, Optional)} with several resource policies.
     *
     * @param resourcePolicies bucket policies (as {@link Policy#parseBucketPolicy} makes them), all applied like the
     *                         bucket policy
     */
    public static Decision decide(AccessRequest request, List<Policy> identityPolicies, List<Policy> resourcePolicies) {
        for (Policy policy : identityPolicies) {
            if (policy.isBucketPolicy()) {
                throw new IllegalArgumentException("a bucket policy passed as an identity policy");
            }
        }
        for (Policy policy : resourcePolicies) {
            if (!policy.isBucketPolicy()) {
                throw new IllegalArgumentException("an identity policy passed as a bucket policy");
            }
        }
        List<Policy> applicable = request.principal().isAnonymous() ? resourcePolicies
                : Stream.concat(identityPolicies.stream(), resourcePolicies.stream()).toList();
        boolean allowed = false;
        for (Policy policy : applicable) {
            for (Statement statement : policy.statements()) {
                if (statement.applies(request)) {
                    if (!statement.allow()) {
                        return Decision.DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
