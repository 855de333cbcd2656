package io.cairn.chunk;

import io.cairn.core.ChunkId;
import java.util.Objects;

/** A chunk as a store holds it: its id and its size in bytes. */
public record StoredChunk(ChunkId id, long size) {
    public StoredChunk {
        Objects.requireNonNull(id, "id");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
