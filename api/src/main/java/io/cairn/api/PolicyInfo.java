package io.cairn.api;

/**
 * A named policy.
 *
 * @param canned     built in (readwrite, readonly, ...): neither created nor deleted
 * @param created_at null for a canned policy
 */
public record PolicyInfo(String name, boolean canned, String document, String created_at) {
}
