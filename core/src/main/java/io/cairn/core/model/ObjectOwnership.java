package io.cairn.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * S3's Object Ownership setting of a bucket: who owns the objects written into it, and whether ACLs count. A bucket
 * without one behaves as {@link #OBJECT_WRITER}, as buckets did before the setting existed.
 */
public enum ObjectOwnership {
    /** ACLs are disabled: the bucket's owner owns every object, and only policies grant access. */
    BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"),
    /** An object written with the bucket-owner-full-control ACL becomes the bucket owner's; others their writer's. */
    BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
    /** Every object is its writer's. */
    OBJECT_WRITER("ObjectWriter");

    private final String wireName;

    ObjectOwnership(String wireName) {
        this.wireName = wireName;
    }

    /** The name S3 gives it (x-amz-object-ownership, ObjectOwnership). */
    public String wireName() {
        return wireName;
    }

    public static Optional<ObjectOwnership> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
