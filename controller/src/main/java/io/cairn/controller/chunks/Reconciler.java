package io.cairn.controller.chunks;

import io.cairn.controller.NodeStatus;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Compares what a node holds (its inventory, paged in id order) with what the map records on it (the copies-by-node
 * index, in the same order), one page at a time, so memory stays bounded:
 * <ul>
 *   <li>a recorded copy the node does not have is confirmed missing with a direct look (the inventory page may
 *   predate a write) and dropped; repair then makes a new one;</li>
 *   <li>a file the map does not record on the node, older than the grace period, is adopted if its chunk lacks
 *   copies, and doomed otherwise; both are logged commands that re-check the map.</li>
 * </ul>
 * The map page is read after the inventory page, so a copy committed meanwhile is seen as recorded, never as an
 * orphan. Runs on the keeper's thread.
 */
final class Reconciler {
    private static final int PAGE = 1000;

    private final KeeperContext ctx;

    Reconciler(KeeperContext ctx) {
        this.ctx = ctx;
    }

    /** Reconciles one node from start to end. */
    void reconcile(NodeStatus node) {
        ChunkId after = null;
        while (true) {
            NodeChunks.Inventory page = ctx.chunks().inventory(node.url(), after, PAGE);
            ChunkId upTo = page.next() == null ? null : page.files().getLast().chunk();
            Map<ChunkId, MetaReader.NodeCopy> recorded = recorded(node.id(), after, upTo);
            Map<ChunkId, NodeChunks.StoredFile> held = new TreeMap<>();
            page.files().forEach(f -> held.put(f.chunk(), f));
            missing(node, recorded, held);
            unrecorded(node, recorded, held);
            if (page.next() == null) {
                return;
            }
            after = upTo;
        }
    }

    /** The copies the map records on the node with ids in ({@code after}, {@code upTo}]; null bounds are open. */
    private Map<ChunkId, MetaReader.NodeCopy> recorded(NodeId node, ChunkId after, ChunkId upTo) {
        Map<ChunkId, MetaReader.NodeCopy> found = new TreeMap<>();
        ChunkId cursor = after;
        while (true) {
            List<MetaReader.NodeCopy> page = ctx.reader().copiesOn(node, cursor, PAGE);
            for (MetaReader.NodeCopy copy : page) {
                if (upTo != null && copy.chunk().compareTo(upTo) > 0) {
                    return found;
                }
                found.put(copy.chunk(), copy);
            }
            if (page.size() < PAGE) {
                return found;
            }
            cursor = page.getLast().chunk();
        }
    }

    private void missing(NodeStatus node, Map<ChunkId, MetaReader.NodeCopy> recorded,
                         Map<ChunkId, NodeChunks.StoredFile> held) {
        for (MetaReader.NodeCopy copy : recorded.values()) {
            if (copy.incarnation() != node.incarnation() || held.containsKey(copy.chunk())) {
                continue;
            }
            OptionalLong now = ctx.chunks().generation(node.url(), copy.chunk());
            if (now.isEmpty()) {
                ctx.counters().missingFound.increment();
                ctx.commands().submit(new MetaCommand.DropReplica(copy.chunk(), node.id()), ChunkRecord.class);
            }
        }
    }

    private void unrecorded(NodeStatus node, Map<ChunkId, MetaReader.NodeCopy> recorded,
                            Map<ChunkId, NodeChunks.StoredFile> held) {
        long grace = ctx.settings().gcGrace().toMillis();
        List<ChunkId> candidates = new ArrayList<>();
        for (NodeChunks.StoredFile file : held.values()) {
            MetaReader.NodeCopy copy = recorded.get(file.chunk());
            if ((copy == null || copy.incarnation() != node.incarnation()) && file.ageMillis() >= grace) {
                candidates.add(file.chunk());
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        Map<ChunkId, ChunkRecord> records = ctx.reader().chunks(candidates);
        Map<NodeId, NodeStatus> members = ctx.members();
        List<MetaCommand.StoredCopy> orphans = new ArrayList<>();
        for (ChunkId id : candidates) {
            NodeChunks.StoredFile file = held.get(id);
            ChunkRecord chunk = records.get(id);
            if (chunk != null && chunk.size() == file.size() && ctx.census(chunk, members).missing() > 0) {
                // A copy the chunk needs, there already (an acknowledged write the commit did not record, say).
                ctx.commands().submit(new MetaCommand.AddCopies(id, List.of(new Copy(node.id(), node.incarnation(),
                        file.generation()))), ChunkRecord.class);
            } else {
                orphans.add(new MetaCommand.StoredCopy(id, (int) file.size(), file.generation()));
            }
        }
        if (!orphans.isEmpty()) {
            int doomed = ctx.commands().submit(new MetaCommand.DoomOrphans(node.id(), node.incarnation(), orphans),
                    Integer.class);
            ctx.counters().orphansDoomed.increment(doomed);
        }
    }
}
