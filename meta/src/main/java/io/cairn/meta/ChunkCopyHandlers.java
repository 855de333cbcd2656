package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The commands that change a chunk's copies outside uploads: repairs and moves add copies, trims and moves retire
 * them, cleanup forgets copies of stores that are gone, orphans are doomed, and confirmed deletions end a doomed
 * copy's life. Each rule that guards data is checked here, at apply time, in log order (docs/design/0005).
 */
final class ChunkCopyHandlers {
    private ChunkCopyHandlers() {
    }

    static ChunkRecord add(MetaCommand.AddCopies command, Tx tx) {
        ChunkRecord chunk = requireChunk(command.chunk(), tx);
        List<Copy> copies = new ArrayList<>(chunk.copies());
        for (Copy copy : command.copies()) {
            NodeRecord node = tx.node(copy.node());
            boolean doomed = chunk.doomed().stream().anyMatch(d -> d.node().equals(copy.node())
                    && d.generation() == copy.generation());
            if (node == null || !node.holds(copy) || doomed) {
                continue;
            }
            copies.removeIf(c -> c.node().equals(copy.node()));
            copies.add(copy);
        }
        copies.sort((a, b) -> a.node().compareTo(b.node()));
        ChunkRecord updated = chunk.withCopies(copies);
        if (!updated.equals(chunk)) {
            tx.putChunk(chunk, updated);
        }
        return updated;
    }

    static ChunkRecord retire(MetaCommand.RetireCopies command, Tx tx) {
        ChunkRecord chunk = requireChunk(command.chunk(), tx);
        Set<NodeId> retiring = new HashSet<>(command.nodes());
        List<Copy> kept = new ArrayList<>();
        List<Copy> doomed = new ArrayList<>(chunk.doomed());
        for (Copy copy : chunk.copies()) {
            if (retiring.contains(copy.node())) {
                doomed.add(copy);
            } else {
                kept.add(copy);
            }
        }
        long counting = kept.stream().filter(tx::counts).count();
        if (counting < chunk.replication()) {
            throw new CairnException(ErrorCode.CONFLICT, "chunk " + chunk.id() + " would keep " + counting
                    + " copies, fewer than the " + chunk.replication() + " it needs; nothing was retired");
        }
        ChunkRecord updated = chunk.withCopies(kept).withDoomed(doomed);
        tx.putChunk(chunk, updated);
        return updated;
    }

    static Integer forgetStale(MetaCommand.ForgetStaleCopies command, Tx tx) {
        int forgotten = 0;
        for (ChunkId id : command.chunks()) {
            ChunkRecord chunk = tx.chunk(id);
            Copy copy = chunk == null ? null : chunk.copyOn(command.node()).orElse(null);
            if (copy == null || tx.counts(copy)) {
                continue;
            }
            tx.putChunk(chunk, chunk.withCopies(chunk.copies().stream().filter(c -> !c.equals(copy)).toList()));
            forgotten++;
        }
        return forgotten;
    }

    static Integer doomOrphans(MetaCommand.DoomOrphans command, Tx tx) {
        NodeRecord node = tx.node(command.node());
        if (node == null || node.state() == NodeState.REMOVED || node.incarnation() != command.incarnation()) {
            return 0;
        }
        int doomedCount = 0;
        for (MetaCommand.StoredCopy stored : command.copies()) {
            ChunkRecord chunk = tx.chunk(stored.chunk());
            Copy orphan = new Copy(node.id(), node.incarnation(), stored.generation());
            if (chunk == null) {
                tx.putChunk(null, new ChunkRecord(stored.chunk(), stored.size(), List.of(), 0, 0, 0,
                        List.of(orphan)));
                doomedCount++;
                continue;
            }
            Copy recorded = chunk.copyOn(node.id()).orElse(null);
            boolean alreadyDoomed = chunk.doomed().stream().anyMatch(d -> d.node().equals(node.id())
                    && d.generation() == stored.generation());
            if ((recorded != null && tx.counts(recorded)) || alreadyDoomed) {
                continue;
            }
            List<Copy> doomed = new ArrayList<>(chunk.doomed());
            doomed.add(orphan);
            // A recorded copy of an older store of this node stands for nothing: the file is this store's.
            tx.putChunk(chunk, chunk.withCopies(chunk.copies().stream().filter(c -> c != recorded).toList())
                    .withDoomed(doomed));
            doomedCount++;
        }
        return doomedCount;
    }

    static Long deletionsDone(MetaCommand.DeletionsDone command, Tx tx) {
        long reclaimed = 0;
        for (MetaCommand.StoredCopy done : command.copies()) {
            ChunkRecord chunk = tx.chunk(done.chunk());
            if (chunk == null) {
                continue;
            }
            List<Copy> doomed = chunk.doomed().stream().filter(d -> !(d.node().equals(command.node())
                    && d.generation() == done.generation())).toList();
            if (doomed.size() == chunk.doomed().size()) {
                continue;
            }
            reclaimed += done.size();
            ChunkRecord updated = chunk.withDoomed(doomed);
            if (updated.refCount() == 0 && updated.copies().isEmpty() && doomed.isEmpty()) {
                tx.deleteChunk(chunk);
            } else {
                tx.putChunk(chunk, updated);
            }
        }
        tx.reclaimed(reclaimed);
        return reclaimed;
    }

    static ChunkRecord requireChunk(ChunkId id, Tx tx) {
        ChunkRecord chunk = tx.chunk(id);
        if (chunk == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "chunk " + id + " is not known");
        }
        return chunk;
    }
}
