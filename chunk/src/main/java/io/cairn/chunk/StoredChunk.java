package io.cairn.chunk;

import io.cairn.core.ChunkId;
import java.util.Objects;

/**
 * A chunk as a store holds it: its id, its size in bytes, and the generation of the file holding it (its modification
 * time in nanoseconds, which the store makes unique and increasing; a later put of the same bytes gets a new one).
 */
public record StoredChunk(ChunkId id, long size, long generation) {
    public StoredChunk {
        Objects.requireNonNull(id, "id");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
