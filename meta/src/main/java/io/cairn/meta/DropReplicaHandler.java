package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import java.util.List;

/**
 * {@link MetaCommand.DropReplica}: the map stops pointing readers and dedup at a copy known to be bad. Dropping a
 * replica the record does not list is a no-op, so a repeated report is harmless.
 */
final class DropReplicaHandler {
    private DropReplicaHandler() {
    }

    static ChunkRecord apply(MetaCommand.DropReplica command, Tx tx) {
        ChunkRecord chunk = tx.chunk(command.chunk());
        if (chunk == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "chunk " + command.chunk() + " is not known");
        }
        if (!chunk.replicas().contains(command.node())) {
            return chunk;
        }
        List<NodeId> remaining = chunk.replicas().stream().filter(n -> !n.equals(command.node())).toList();
        ChunkRecord updated = new ChunkRecord(chunk.id(), chunk.size(), remaining, chunk.refCount(),
                chunk.replication());
        tx.putChunk(chunk, updated);
        return updated;
    }
}
