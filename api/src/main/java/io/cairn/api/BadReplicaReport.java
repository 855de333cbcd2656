package io.cairn.api;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.Objects;

/** A reader found a replica missing, unreadable or with bytes that do not hash to the chunk id. */
public record BadReplicaReport(ChunkId chunk, NodeId node, String reason) {
    public BadReplicaReport {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(node, "node");
    }
}
