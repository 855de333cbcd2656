package io.cairn.api;

import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.Consistency;
import java.util.List;
import java.util.Objects;

/**
 * The gateway asks where to write chunks it has hashed.
 *
 * @param replication replicas wanted; 0 means the cluster's default
 * @param exclude     nodes the gateway saw fail during this upload; placement skips them
 * @param bucket      the bucket written to, whose setting decides the consistency unless the write says; null for none
 * @param consistency what the write asked for, or null for the bucket's setting
 */
public record AllocateRequest(List<ChunkRef> chunks, int replication, List<NodeId> exclude, String bucket,
                              Consistency consistency) {
    public AllocateRequest {
        Objects.requireNonNull(chunks, "chunks");
        chunks = List.copyOf(chunks);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public AllocateRequest(List<ChunkRef> chunks, int replication, List<NodeId> exclude) {
        this(chunks, replication, exclude, null, null);
    }
}
