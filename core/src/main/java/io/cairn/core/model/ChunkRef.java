package io.cairn.core.model;

import io.cairn.core.ChunkId;

/** One chunk of a version, in file order; its offset is the sum of the sizes before it. */
public record ChunkRef(ChunkId id, int size) {
    public ChunkRef {
        if (id == null || size < 0) {
            throw new IllegalArgumentException("a chunk needs an id and a size >= 0");
        }
    }
}
