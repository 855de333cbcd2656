package io.cairn.auth;

import java.util.Objects;

/**
 * Who makes a request: an authenticated user (by name), the root user, or nobody (an anonymous request, which has
 * no user). Root may do everything: callers allow it without asking {@link PolicyEngine}, which knows no exception
 * for root and treats it as the user of that name if asked.
 */
public record Principal(String user, boolean root) {
    private static final Principal ANONYMOUS = new Principal(null, false);

    public Principal {
        if (user == null && root) {
            throw new IllegalArgumentException("the root user has a name");
        }
        if (user != null && user.isEmpty()) {
            throw new IllegalArgumentException("a user name must not be empty");
        }
    }

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    public static Principal user(String name) {
        return new Principal(Objects.requireNonNull(name, "name"), false);
    }

    public static Principal root(String name) {
        return new Principal(Objects.requireNonNull(name, "name"), true);
    }

    public boolean isAnonymous() {
        return user == null;
    }
}
