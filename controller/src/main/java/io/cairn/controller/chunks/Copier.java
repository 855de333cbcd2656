package io.cairn.controller.chunks;

import io.cairn.api.NodeAddress;
import io.cairn.controller.NodeStatus;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.meta.MetaCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes new copies of chunks, always in the order copy, verify, record, forget: a node that has a good copy sends it
 * to the new nodes (which verify it against the id before storing it), the new copies are recorded by a logged
 * command, and only then may an old copy (a draining node's, a balanced-away one) be given up, by another logged
 * command that the state machine refuses if fewer than the replication would be left. Thread-safe.
 */
final class Copier {
    private static final Logger LOG = LoggerFactory.getLogger(Copier.class);

    private final KeeperContext ctx;
    private final Bandwidth bandwidth;

    Copier(KeeperContext ctx) {
        this.ctx = ctx;
        this.bandwidth = new Bandwidth(ctx.settings().repairBytesPerSecond());
    }

    /** Gives the chunk the copies it is missing, then retires draining copies it no longer needs. */
    boolean repair(ChunkId id) throws InterruptedException {
        ChunkRecord chunk = ctx.reader().chunk(id).orElse(null);
        if (chunk == null) {
            return false;
        }
        Map<NodeId, NodeStatus> members = ctx.members();
        CopyCensus census = ctx.census(chunk, members);
        int missing = census.missing();
        boolean copied = true;
        if (missing > 0) {
            List<NodeStatus> holders = new ArrayList<>(census.live());
            holders.addAll(census.down());
            copied = copyToPlaced(chunk, census.sources(), missing, holders, members);
        }
        retireDraining(id);
        return copied;
    }

    /** Moves one copy from {@code from} to {@code to} (rebalancing): copy, record, then retire the old one. */
    boolean move(ChunkRecord chunk, NodeStatus from, NodeStatus to) throws InterruptedException {
        Map<NodeId, NodeStatus> members = ctx.members();
        if (!copyTo(chunk, List.of(from), List.of(to), members)) {
            return false;
        }
        try {
            ctx.commands().submit(new MetaCommand.RetireCopies(chunk.id(), List.of(from.id())), ChunkRecord.class);
            return true;
        } catch (CairnException e) {
            LOG.debug("kept the copy of {} on {} after moving it: {}", chunk.id(), from.id(), e.getMessage());
            return false;
        }
    }

    /** Makes {@code count} new copies on nodes placement chooses away from the {@code holders}' failure domains. */
    private boolean copyToPlaced(ChunkRecord chunk, List<NodeStatus> sources, int count, List<NodeStatus> holders,
                         Map<NodeId, NodeStatus> members) throws InterruptedException {
        Set<NodeId> exclude = new HashSet<>();
        chunk.copies().forEach(c -> exclude.add(c.node()));
        chunk.doomed().forEach(c -> exclude.add(c.node()));
        List<NodeStatus> targets = ctx.policy().choose(List.copyOf(members.values()), count, exclude, chunk.size(),
                holders);
        return copyTo(chunk, sources, targets, members);
    }

    /** Has the first source that can send its copy to every target, then records the copies made. */
    private boolean copyTo(ChunkRecord chunk, List<NodeStatus> sources, List<NodeStatus> targets,
                           Map<NodeId, NodeStatus> members) throws InterruptedException {
        if (targets.isEmpty() || sources.isEmpty()) {
            ctx.counters().repairsFailed.increment();
            LOG.debug("no {} to copy chunk {}", sources.isEmpty() ? "source" : "target", chunk.id());
            return false;
        }
        List<NodeAddress> addresses = targets.stream().map(n -> new NodeAddress(n.id(), n.url())).toList();
        bandwidth.acquire((long) chunk.size() * addresses.size());
        for (NodeStatus source : sources.stream().sorted(Comparator.comparingInt(NodeStatus::load)).toList()) {
            List<NodeChunks.MadeCopy> made;
            try {
                made = ctx.chunks().replicate(source.url(), chunk.id(), chunk.size(), addresses);
            } catch (CairnException e) {
                if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
                    // The source found its own copy corrupt (and quarantined it): it is not a copy any more.
                    ctx.counters().corruptFound.increment();
                    ctx.commands().submit(new MetaCommand.DropReplica(chunk.id(), source.id()), ChunkRecord.class);
                }
                LOG.debug("copying chunk {} from {} failed: {}", chunk.id(), source.id(), e.getMessage());
                continue;
            }
            if (made.isEmpty()) {
                continue;
            }
            List<Copy> copies = made.stream().filter(m -> members.containsKey(m.node()))
                    .map(m -> new Copy(m.node(), members.get(m.node()).incarnation(), m.generation())).toList();
            ctx.commands().submit(new MetaCommand.AddCopies(chunk.id(), copies), ChunkRecord.class);
            copies.forEach(c -> ctx.counters().repaired(chunk.size()));
            return true;
        }
        ctx.counters().repairsFailed.increment();
        return false;
    }

    /** Gives up the copies on draining nodes once enough others count; the state machine re-checks that. */
    void retireDraining(ChunkId id) {
        ChunkRecord chunk = ctx.reader().chunk(id).orElse(null);
        if (chunk == null) {
            return;
        }
        CopyCensus census = ctx.census(chunk, ctx.members());
        if (census.draining().isEmpty() || census.counting() < chunk.replication()) {
            return;
        }
        try {
            ctx.commands().submit(new MetaCommand.RetireCopies(id, census.draining().stream().map(NodeStatus::id)
                    .toList()), ChunkRecord.class);
        } catch (CairnException e) {
            LOG.debug("draining copies of {} kept: {}", id, e.getMessage());
        }
    }
}
