package io.cairn.api;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * A chunk of a version being committed, with the nodes that acknowledged a durable copy during this upload.
 *
 * @param generations the generation each of those nodes gave its copy, in the same order; empty if not known
 */
public record CommittedChunk(ChunkId id, int size, List<NodeId> written, List<Long> generations) {
    public CommittedChunk {
        Objects.requireNonNull(id, "id");
        written = written == null ? List.of() : List.copyOf(written);
        generations = generations == null ? List.of() : List.copyOf(generations);
    }
}
