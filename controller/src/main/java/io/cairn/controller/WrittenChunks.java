package io.cairn.controller;

import io.cairn.api.CommittedChunk;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.meta.MetaCommand.ChunkWrite;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The chunks an upload wrote, as a commit or a part records them. */
final class WrittenChunks {
    private WrittenChunks() {
    }

    static List<ChunkWrite> of(List<CommittedChunk> chunks) {
        return chunks.stream().map(c -> new ChunkWrite(c.id(), c.size(), c.written(), c.generations())).toList();
    }

    /** Every node that wrote a chunk must still be healthy: one that failed since may have lost what it wrote. */
    static void requireHealthy(LiveNodes nodes, List<CommittedChunk> chunks) {
        // One look at the nodes for the whole commit, not one per copy: a commit lists thousands of chunks.
        Set<NodeId> healthy = nodes.healthy().stream().map(NodeStatus::id).collect(Collectors.toSet());
        for (CommittedChunk chunk : chunks) {
            for (NodeId node : chunk.written()) {
                if (!healthy.contains(node)) {
                    throw new CairnException(ErrorCode.UNAVAILABLE, "storage node " + node
                            + " became unhealthy during the upload; nothing was stored, retry the upload");
                }
            }
        }
    }
}
