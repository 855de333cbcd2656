package io.cairn.core.model;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.List;

/**
 * What the controller has logged about a chunk: which nodes acknowledged a durable copy, how many version references
 * point at it, and the most replicas any of those versions asked for.
 */
public record ChunkRecord(ChunkId id, int size, List<NodeId> replicas, long refCount, int replication) {
    public ChunkRecord {
        replicas = List.copyOf(replicas);
    }
}
