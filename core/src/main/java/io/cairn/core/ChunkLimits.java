package io.cairn.core;

/**
 * Bounds on chunk sizes shared by every process. Small chunks cost a metadata entry and an fsync each; large ones
 * cost memory, since a transfer holds a few whole chunks (hashing and verifying need the whole chunk).
 */
public final class ChunkLimits {
    public static final int MIN_CHUNK_SIZE = 64 * 1024;
    public static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

    private ChunkLimits() {
    }
}
