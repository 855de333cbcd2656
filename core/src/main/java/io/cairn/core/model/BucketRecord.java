package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * @param versioning  null (a record stored before the field existed) reads as {@link Versioning#ENABLED}
 * @param consistency how many copies a write to the bucket waits for unless it says; null for the cluster's default
 *                    ({@link Consistency#STRONG})
 * @param acl         the bucket's ACL (its grants; the owner is kept apart), null for one granting nothing beyond
 *                    the owner
 * @param ownership   its Object Ownership setting, null for none (objects are their writers', as with
 *                    {@link ObjectOwnership#OBJECT_WRITER})
 * @param publicAccessBlock its Block Public Access settings, null for none (nothing blocked)
 * @param tags        the bucket's tags (S3's bucket tagging), sorted by key; empty for none
 */
public record BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency, Acl acl,
                           ObjectOwnership ownership, PublicAccessBlock publicAccessBlock,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {
    public BucketRecord {
        versioning = versioning == null ? Versioning.ENABLED : versioning;
        tags = Tags.sorted(tags);
    }

    public BucketRecord(String name, long createdAt, Versioning versioning) {
        this(name, createdAt, versioning, null, null, null, null, null);
    }

    public BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency, Acl acl,
                        ObjectOwnership ownership) {
        this(name, createdAt, versioning, consistency, acl, ownership, null, null);
    }

    public BucketRecord withVersioning(Versioning newVersioning) {
        return new BucketRecord(name, createdAt, newVersioning, consistency, acl, ownership, publicAccessBlock, tags);
    }

    public BucketRecord withConsistency(Consistency newConsistency) {
        return new BucketRecord(name, createdAt, versioning, newConsistency, acl, ownership, publicAccessBlock, tags);
    }

    public BucketRecord withAcl(Acl newAcl) {
        return new BucketRecord(name, createdAt, versioning, consistency, newAcl, ownership, publicAccessBlock, tags);
    }

    public BucketRecord withOwnership(ObjectOwnership newOwnership) {
        return new BucketRecord(name, createdAt, versioning, consistency, acl, newOwnership, publicAccessBlock, tags);
    }

    public BucketRecord withPublicAccessBlock(PublicAccessBlock newBlock) {
        return new BucketRecord(name, createdAt, versioning, consistency, acl, ownership, newBlock, tags);
    }

    public BucketRecord withTags(Map<String, String> newTags) {
        return new BucketRecord(name, createdAt, versioning, consistency, acl, ownership, publicAccessBlock, newTags);
    }
}
