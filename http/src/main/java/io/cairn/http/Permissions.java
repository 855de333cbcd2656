package io.cairn.http;

import java.util.List;
import java.util.Map;

/**
 * Whether the caller of an exchange may do something, by IAM action name ({@code s3:GetObject},
 * {@code admin:ServerInfo}); every API asks the same engine. Returns if allowed, else throws {@code ACCESS_DENIED}
 * ({@code UNAUTHORIZED} for an anonymous caller).
 */
public interface Permissions {
    /**
     * @param bucket  null for an action on no bucket (listing buckets, administration)
     * @param key     null for an action on a bucket or none
     * @param context condition keys the request sets beyond the standard ones (e.g. {@code s3:prefix})
     */
    void require(Exchange exchange, String action, String bucket, String key, Map<String, List<String>> context);

    /** Whether the caller may, without refusing: for showing only what a caller may see (a list of buckets). */
    boolean allows(Exchange exchange, String action, String bucket, String key);

    default void require(Exchange exchange, String action, String bucket, String key) {
        require(exchange, action, bucket, key, Map.of());
    }

    /** An administrative action (no bucket, no key). */
    default void requireAdmin(Exchange exchange, String action) {
        require(exchange, action, null, null, Map.of());
    }
}
