package io.cairn.controller.chunks;

import io.cairn.api.CopyDeletion;
import io.cairn.controller.NodeStatus;
import io.cairn.core.CairnException;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the files of doomed copies, each by its generation, so a newer file of the same chunk (an upload that wrote
 * it again meanwhile) is never touched, then logs which are gone. A doomed copy on a store its node no longer has, or
 * on a removed node, is gone with that store: it is confirmed without asking. A node that cannot be reached keeps its
 * doomed copies until it can. Pages through the doomed copies of each node. Runs on the keeper's thread.
 */
final class Deleter {
    private static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Deleter.class);

    private final KeeperContext ctx;

    Deleter(KeeperContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        Map<NodeId, NodeStatus> members = ctx.members();
        for (NodeRecord node : ctx.reader().nodes()) {
            NodeStatus status = members.get(node.id());
            if (node.state() != NodeState.REMOVED && (status == null || !status.healthy())) {
                continue;
            }
            try {
                deleteOn(node, status);
            } catch (CairnException e) {
                LOG.debug("deleting doomed copies on {} stopped: {}", node.id(), e.getMessage());
            }
        }
    }

    private void deleteOn(NodeRecord node, NodeStatus status) {
        MetaReader.DoomedCopy after = null;
        while (true) {
            List<MetaReader.DoomedCopy> page = ctx.reader().doomedOn(node.id(), after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            Map<io.cairn.core.ChunkId, ChunkRecord> records = ctx.reader().chunks(page.stream()
                    .map(MetaReader.DoomedCopy::chunk).toList());
            List<MetaCommand.StoredCopy> done = new ArrayList<>();
            for (MetaReader.DoomedCopy doomed : page) {
                ChunkRecord chunk = records.get(doomed.chunk());
                Copy copy = chunk == null ? null : chunk.doomed().stream().filter(d -> d.node().equals(node.id())
                        && d.generation() == doomed.generation()).findFirst().orElse(null);
                boolean storeGone = node.state() == NodeState.REMOVED
                        || (copy != null && copy.incarnation() != node.incarnation());
                boolean freed = false;
                if (!storeGone) {
                    freed = ctx.chunks().delete(status.url(), doomed.chunk(), doomed.generation())
                            == CopyDeletion.DELETED;
                    if (freed) {
                        ctx.counters().deletions.increment();
                    }
                }
                done.add(new MetaCommand.StoredCopy(doomed.chunk(), freed && chunk != null ? chunk.size() : 0,
                        doomed.generation()));
            }
            ctx.commands().submit(new MetaCommand.DeletionsDone(node.id(), done), Long.class);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast();
        }
    }
}
