package io.cairn.api;

/**
 * A quota and what its bucket or user holds now.
 *
 * @param scope       {@code bucket} or {@code user}
 * @param max_bytes   0 for no limit on bytes
 * @param max_objects 0 for no limit on stored versions
 */
public record QuotaInfo(String scope, String name, long max_bytes, long max_objects, long used_bytes,
                        long used_objects) {
}
