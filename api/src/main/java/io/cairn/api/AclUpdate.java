package io.cairn.api;

import io.cairn.core.model.Acl;
import java.util.Objects;

/**
 * Replaces the ACL of a bucket ({@code key} null) or of a version of an object.
 *
 * @param version null for the latest
 * @param acl     null for owner-only
 */
public record AclUpdate(String bucket, String key, Long version, Acl acl) {
    public AclUpdate {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(acl, "acl");
    }
}
