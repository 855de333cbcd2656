package io.cairn.api;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRef;
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

    /**
     * The chunks of a version a new one reuses (a server-side copy): stored already, so no copy was written now; the
     * commit re-checks in the state machine that each is still stored.
     */
    public static List<CommittedChunk> reused(List<ChunkRef> chunks) {
        return chunks.stream().map(c -> new CommittedChunk(c.id(), c.size(), List.of(), null)).toList();
    }
}
