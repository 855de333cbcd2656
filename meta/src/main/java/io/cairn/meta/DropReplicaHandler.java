package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import java.util.List;

/**
 * {@link MetaCommand.DropReplica}: the map stops pointing readers and dedup at a copy found missing or corrupt.
 * Dropping a copy the record does not list is a no-op, so a repeated report is harmless. The last copy that counts is
 * kept whatever the report says: two reports in flight at once (a reader that found both copies unreadable, say)
 * must not leave the chunk with no copy at all, and deciding that here, in log order, is the only place where the
 * reports cannot both pass the check.
 */
final class DropReplicaHandler {
    private DropReplicaHandler() {
    }

    static ChunkRecord apply(MetaCommand.DropReplica command, Tx tx) {
        ChunkRecord chunk = tx.chunk(command.chunk());
        if (chunk == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "chunk " + command.chunk() + " is not known");
        }
        Copy dropped = chunk.copyOn(command.node()).orElse(null);
        if (dropped == null) {
            return chunk;
        }
        List<Copy> remaining = chunk.copies().stream().filter(c -> !c.equals(dropped)).toList();
        if (tx.counts(dropped) && remaining.stream().noneMatch(tx::counts)) {
            return chunk;
        }
        ChunkRecord updated = chunk.withCopies(remaining);
        tx.putChunk(chunk, updated);
        return updated;
    }
}
