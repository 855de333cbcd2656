package io.cairn.core.model;

/**
 * A bucket's versioning state, as S3 defines it. Buckets made before S3 kept every version, so a record without the
 * field reads as {@link #ENABLED}.
 */
public enum Versioning {
    /** Never enabled: a write replaces the key's one version (S3's "null" version). */
    UNVERSIONED,
    /** Every write adds a version; a delete without a version adds a delete marker. */
    ENABLED,
    /** As unversioned for new writes, keeping the versions made while enabled. */
    SUSPENDED
}
