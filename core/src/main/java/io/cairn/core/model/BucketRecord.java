package io.cairn.core.model;

/**
 * @param versioning  null (a record stored before the field existed) reads as {@link Versioning#ENABLED}
 * @param consistency how many copies a write to the bucket waits for unless it says; null for the cluster's default
 *                    ({@link Consistency#STRONG})
 * @param acl         the bucket's ACL (its grants; the owner is kept apart), null for one granting nothing beyond
 *                    the owner
 * @param ownership   its Object Ownership setting, null for none (objects are their writers', as with
 *                    {@link ObjectOwnership#OBJECT_WRITER})
 * @param publicAccessBlock its Block Public Access settings, null for none (nothing blocked)
 */
public record BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency, Acl acl,
                           ObjectOwnership ownership, PublicAccessBlock publicAccessBlock) {
    public BucketRecord {
        versioning = versioning == null ? Versioning.ENABLED : versioning;
    }

    public BucketRecord(String name, long createdAt, Versioning versioning) {
        this(name, createdAt, versioning, null, null, null, null);
    }

    public BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency, Acl acl,
                        ObjectOwnership ownership) {
        this(name, createdAt, versioning, consistency, acl, ownership, null);
    }

    public BucketRecord withVersioning(Versioning newVersioning) {
        return new BucketRecord(name, createdAt, newVersioning, consistency, acl, ownership, publicAccessBlock);
    }

    public BucketRecord withConsistency(Consistency newConsistency) {
        return new BucketRecord(name, createdAt, versioning, newConsistency, acl, ownership, publicAccessBlock);
    }

    public BucketRecord withAcl(Acl newAcl) {
        return new BucketRecord(name, createdAt, versioning, consistency, newAcl, ownership, publicAccessBlock);
    }

    public BucketRecord withOwnership(ObjectOwnership newOwnership) {
        return new BucketRecord(name, createdAt, versioning, consistency, acl, newOwnership, publicAccessBlock);
    }

    public BucketRecord withPublicAccessBlock(PublicAccessBlock newBlock) {
        return new BucketRecord(name, createdAt, versioning, consistency, acl, ownership, newBlock);
    }
}
