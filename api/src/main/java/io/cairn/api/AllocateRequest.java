package io.cairn.api;

import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRef;
import java.util.List;

/**
 * The gateway asks where to write chunks it has hashed.
 *
 * @param replication replicas wanted; 0 means the cluster's default
 * @param exclude     nodes the gateway saw fail during this upload; placement skips them
 */
public record AllocateRequest(List<ChunkRef> chunks, int replication, List<NodeId> exclude) {
    public AllocateRequest {
        chunks = List.copyOf(chunks);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
}
