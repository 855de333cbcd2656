package io.cairn.core.model;

/**
 * What a bucket, or a user's buckets together, hold: the bytes of every stored version (noncurrent ones too, as a
 * versioned bucket keeps them) and the number of those versions; delete markers hold nothing and do not count.
 */
public record Usage(long bytes, long objects) {
    public static final Usage EMPTY = new Usage(0, 0);

    public Usage plus(long moreBytes, long moreObjects) {
        return new Usage(bytes + moreBytes, objects + moreObjects);
    }
}
