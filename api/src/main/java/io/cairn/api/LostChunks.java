package io.cairn.api;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * A node says it no longer holds good copies of these chunks on store {@code storeId} (its scrubber found them
 * corrupt and moved them aside), so the controller can stop counting them and make new ones.
 */
public record LostChunks(NodeId node, String storeId, List<ChunkId> chunks, String reason) {
    public LostChunks {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(chunks, "chunks");
        chunks = List.copyOf(chunks);
    }
}
