package io.cairn.meta;

import io.cairn.core.ChunkId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import java.util.ArrayList;
import java.util.List;

/**
 * Garbage collection's two logged steps. Both re-check, in log order, that nothing references the chunk, so an upload
 * that deduplicates onto a chunk either lands before a step (and the step leaves the chunk alone) or after it (and
 * finds the chunk condemned, which it revives, or collected, with no copy to count, so it must write the bytes
 * again). Bytes are deleted only after the second step, and only by generation.
 */
final class CollectionHandlers {
    private CollectionHandlers() {
    }

    static Integer condemn(MetaCommand.CondemnChunks command, Tx tx) {
        int condemned = 0;
        for (ChunkId id : command.chunks()) {
            ChunkRecord chunk = tx.chunk(id);
            if (chunk == null || chunk.refCount() > 0 || chunk.condemnedAt() != 0) {
                continue;
            }
            tx.putChunk(chunk, chunk.withReferences(0, chunk.replication(), Math.max(1, command.at())));
            condemned++;
        }
        return condemned;
    }

    static Integer collect(MetaCommand.CollectChunks command, Tx tx) {
        int collected = 0;
        for (ChunkId id : command.chunks()) {
            ChunkRecord chunk = tx.chunk(id);
            if (chunk == null || chunk.refCount() > 0 || chunk.condemnedAt() == 0
                    || chunk.condemnedAt() > command.condemnedBefore()) {
                continue;
            }
            List<Copy> doomed = new ArrayList<>(chunk.doomed());
            doomed.addAll(chunk.copies());
            ChunkRecord updated = chunk.withCopies(List.of()).withDoomed(doomed);
            if (doomed.isEmpty()) {
                tx.deleteChunk(chunk);
            } else {
                tx.putChunk(chunk, updated);
            }
            collected++;
        }
        return collected;
    }
}
