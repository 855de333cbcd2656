package io.cairn.api;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.List;

/** A chunk of a version being committed, with the nodes that acknowledged a durable copy during this upload. */
public record CommittedChunk(ChunkId id, int size, List<NodeId> written) {
    public CommittedChunk {
        written = written == null ? List.of() : List.copyOf(written);
    }
}
