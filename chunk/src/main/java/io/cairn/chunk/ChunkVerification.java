package io.cairn.chunk;

/** What re-hashing a stored chunk found: what a scrubber acts on. */
public enum ChunkVerification {
    /** The file's bytes hash to its id. */
    OK,
    /** The file exists but its bytes no longer hash to its id (bit rot, a torn write by another tool, tampering). */
    CORRUPT,
    /** There is no file for the id. */
    MISSING
}
