package io.cairn.core.model;

import java.util.List;

/**
 * A user of the S3 API; it signs requests with its {@link AccessKeyRecord}s and may do what its policies allow.
 *
 * @param enabled  a disabled user's keys authenticate nothing, yet it keeps them and its policies
 * @param policies names of {@link #CANNED_POLICIES} or of stored {@link PolicyRecord}s
 */
public record UserRecord(String name, long createdAt, boolean enabled, List<String> policies) {
    /**
     * The policies every cluster has without storing them: their documents are code (the auth module's, under these
     * names), so no stored policy may take one of these names. In name order.
     */
    public static final List<String> CANNED_POLICIES =
            List.of("admin", "diagnostics", "own-buckets", "readonly", "readwrite", "writeonly");

    public UserRecord {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    public UserRecord withEnabled(boolean newEnabled) {
        return new UserRecord(name, createdAt, newEnabled, policies);
    }

    public UserRecord withPolicies(List<String> newPolicies) {
        return new UserRecord(name, createdAt, enabled, newPolicies);
    }
}
