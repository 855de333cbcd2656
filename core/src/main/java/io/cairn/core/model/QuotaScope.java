package io.cairn.core.model;

/** What a quota limits: one bucket, or everything in the buckets a user created. */
public enum QuotaScope {
    BUCKET, USER
}
