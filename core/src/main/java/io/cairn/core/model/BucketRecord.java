package io.cairn.core.model;

/** @param versioning null (a record stored before the field existed) reads as {@link Versioning#ENABLED} */
public record BucketRecord(String name, long createdAt, Versioning versioning) {
    public BucketRecord {
        versioning = versioning == null ? Versioning.ENABLED : versioning;
    }

    public BucketRecord withVersioning(Versioning newVersioning) {
        return new BucketRecord(name, createdAt, newVersioning);
    }
}
