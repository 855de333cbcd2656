package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * @param versioning  null (a record stored before the field existed) reads as {@link Versioning#ENABLED}
 * @param consistency how many copies a write to the bucket waits for unless it says; null for the cluster's default
 *                    ({@link Consistency#STRONG})
 * @param acl         the bucket's ACL (its grants; the owner is kept apart), null for one granting nothing beyond
 *                    the owner
 * @param tags        the bucket's tags (S3's bucket tagging), sorted by key; empty for none
 */
public record BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency, Acl acl,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {
    public BucketRecord {
        versioning = versioning == null ? Versioning.ENABLED : versioning;
        tags = Tags.sorted(tags);
    }

    public BucketRecord(String name, long createdAt, Versioning versioning) {
        this(name, createdAt, versioning, null, null, null);
    }

    public BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency, Acl acl) {
        this(name, createdAt, versioning, consistency, acl, null);
    }

    public BucketRecord withVersioning(Versioning newVersioning) {
        return new BucketRecord(name, createdAt, newVersioning, consistency, acl, tags);
    }

    public BucketRecord withConsistency(Consistency newConsistency) {
        return new BucketRecord(name, createdAt, versioning, newConsistency, acl, tags);
    }

    public BucketRecord withAcl(Acl newAcl) {
        return new BucketRecord(name, createdAt, versioning, consistency, newAcl, tags);
    }

    public BucketRecord withTags(Map<String, String> newTags) {
        return new BucketRecord(name, createdAt, versioning, consistency, acl, newTags);
    }
}
