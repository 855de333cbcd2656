package io.cairn.core.model;

/**
 * @param versioning  null (a record stored before the field existed) reads as {@link Versioning#ENABLED}
 * @param consistency how many copies a write to the bucket waits for unless it says; null for the cluster's default
 *                    ({@link Consistency#STRONG})
 */
public record BucketRecord(String name, long createdAt, Versioning versioning, Consistency consistency) {
    public BucketRecord {
        versioning = versioning == null ? Versioning.ENABLED : versioning;
    }

    public BucketRecord(String name, long createdAt, Versioning versioning) {
        this(name, createdAt, versioning, null);
    }

    public BucketRecord withVersioning(Versioning newVersioning) {
        return new BucketRecord(name, createdAt, newVersioning, consistency);
    }

    public BucketRecord withConsistency(Consistency newConsistency) {
        return new BucketRecord(name, createdAt, versioning, newConsistency);
    }
}
