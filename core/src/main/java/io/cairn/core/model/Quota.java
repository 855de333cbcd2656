package io.cairn.core.model;

/**
 * A limit on what a bucket or a user may hold; 0 leaves that measure unlimited.
 *
 * @param maxBytes   most bytes of stored versions ({@link Usage#bytes()})
 * @param maxObjects most stored versions ({@link Usage#objects()})
 */
public record Quota(long maxBytes, long maxObjects) {
    public Quota {
        if (maxBytes < 0 || maxObjects < 0) {
            throw new IllegalArgumentException("a quota is 0 (unlimited) or more, got " + maxBytes + " bytes and "
                    + maxObjects + " objects");
        }
    }

    public boolean unlimited() {
        return maxBytes == 0 && maxObjects == 0;
    }

    /** Whether {@code usage} is over either limit. */
    public boolean exceededBy(Usage usage) {
        return (maxBytes > 0 && usage.bytes() > maxBytes) || (maxObjects > 0 && usage.objects() > maxObjects);
    }
}
