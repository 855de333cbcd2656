package io.cairn.auth;

import java.util.List;
import java.util.Set;

/**
 * One parsed policy statement. A statement applies to a request if its actions, resources, principals (bucket
 * policies only) and every condition match; its effect then allows or denies. Statements that name only admin
 * actions have no resources (admin actions are cluster-wide), so {@code resources} is null for them.
 */
record Statement(boolean allow, Patterns actions, Patterns resources, Principals principals,
                 List<Condition> conditions) {

    /** {@code Action}/{@code Resource} (any pattern matches) or {@code NotAction}/{@code NotResource} (none does). */
    record Patterns(boolean not, List<Wildcard> patterns) {
        boolean cover(String subject, AccessRequest request) {
            return patterns.stream().anyMatch(p -> p.matches(subject, request)) != not;
        }
    }

    /**
     * {@code Principal} or {@code NotPrincipal} of a bucket policy: everyone ({@code *}, anonymous requests included)
     * or users by name.
     */
    record Principals(boolean not, boolean everyone, Set<String> users) {
        boolean cover(Principal principal) {
            boolean named = everyone || (!principal.isAnonymous() && users.contains(principal.user()));
            return named != not;
        }
    }

    boolean applies(AccessRequest request) {
        return actions.cover(request.action(), request)
                && (resources == null || resources.cover(request.resource(), request))
                && (principals == null || principals.cover(request.principal()))
                && conditions.stream().allMatch(c -> c.test(request));
    }
}
