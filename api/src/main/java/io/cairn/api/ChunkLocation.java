package io.cairn.api;

import io.cairn.core.ChunkId;
import java.util.List;

/** A chunk of a version with its offset in the object and its replicas, best first. */
public record ChunkLocation(ChunkId id, int size, long offset, List<Replica> replicas) {
    public ChunkLocation {
        replicas = List.copyOf(replicas);
    }
}
