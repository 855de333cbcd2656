package io.cairn.core.model;

/**
 * S3's limits on uploads in parts, which every API that takes parts (S3's multipart, the REST API's {@code /uploads})
 * and the state machine that completes them share: parts are numbered 1 to {@link #MAX_PARTS}, hold at most
 * {@link #MAX_PART_SIZE}, and all but the last part of a completed upload hold {@link #MIN_PART_SIZE} or more.
 */
public final class PartLimits {
    public static final int MAX_PARTS = 10_000;
    public static final long MIN_PART_SIZE = 5L << 20;
    public static final long MAX_PART_SIZE = 5L << 30;

    private PartLimits() {
    }
}
