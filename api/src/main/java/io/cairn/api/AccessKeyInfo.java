package io.cairn.api;

/** An access key as the admin API lists it: never with its secret. */
public record AccessKeyInfo(String access_key, String user, String label, String created_at, boolean enabled) {
}
