package io.cairn.chunk;

/** What a conditional removal ({@link ChunkStore#delete}, {@link ChunkStore#quarantine}) did. */
public enum DeleteOutcome {
    /** The file had the generation named and is no longer in the store (deleted, or moved to quarantine). */
    DELETED,
    /** There was no file for the id. */
    ABSENT,
    /** The file has another generation (a later put replaced it), so the decision was not about it: left alone. */
    CHANGED
}
