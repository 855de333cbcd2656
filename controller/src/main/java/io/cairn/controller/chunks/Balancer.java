package io.cairn.controller.chunks;

import io.cairn.api.BalanceReport;
import io.cairn.controller.NodeStatus;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.meta.MetaReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evens out disk use: while a node's used fraction is further above the mean than the tolerance, chunks move from it
 * to nodes below the mean (chosen by the placement policy, so failure domains stay apart), a bounded amount per pass
 * so that the figures, which come from heartbeats, catch up before the next. A move is a copy, recorded, then the old
 * copy retired (never below the replication, decided by the state machine) and deleted by the deleter. Runs on the
 * keeper's thread, by itself or when asked.
 */
final class Balancer {
    private static final int PAGE = 500;
    private static final int MAX_MOVES_PER_PASS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Balancer.class);

    private final KeeperContext ctx;
    private final Copier copier;
    private final Map<NodeId, ChunkId> cursors = new ConcurrentHashMap<>();
    private final AtomicLong movedChunks = new AtomicLong();
    private final AtomicLong movedBytes = new AtomicLong();
    private volatile boolean requested;
    private volatile boolean moving;

    Balancer(KeeperContext ctx, Copier copier) {
        this.ctx = ctx;
        this.copier = copier;
    }

    /** Asks for balancing now, even when it does not run by itself; it stops once the nodes are balanced. */
    void request() {
        requested = true;
    }

    void run() throws InterruptedException {
        if (!ctx.settings().autoBalance() && !requested) {
            return;
        }
        List<NodeStatus> nodes = candidates();
        double mean = mean(nodes);
        double tolerance = ctx.settings().balanceTolerance();
        List<NodeStatus> over = nodes.stream().filter(n -> fraction(n) > mean + tolerance)
                .sorted(Comparator.comparingDouble(Balancer::fraction).reversed()).toList();
        List<NodeStatus> under = nodes.stream().filter(n -> fraction(n) < mean).toList();
        moving = !over.isEmpty() && !under.isEmpty();
        if (!moving) {
            requested = false;
            return;
        }
        int moves = 0;
        for (NodeStatus source : over) {
            long excess = (long) ((fraction(source) - mean) * source.capacityBytes());
            moves += drainExcess(source, excess, under, MAX_MOVES_PER_PASS - moves);
            if (moves >= MAX_MOVES_PER_PASS) {
                return;
            }
        }
    }

    /** Moves up to {@code excess} bytes from {@code source}; returns how many chunks moved. */
    private int drainExcess(NodeStatus source, long excess, List<NodeStatus> under, int maxMoves)
            throws InterruptedException {
        Map<NodeId, NodeStatus> members = ctx.members();
        long moved = 0;
        int moves = 0;
        ChunkId after = cursors.get(source.id());
        boolean wrapped = after == null;
        while (moved < excess && moves < maxMoves) {
            List<MetaReader.NodeCopy> page = ctx.reader().copiesOn(source.id(), after, PAGE);
            if (page.isEmpty()) {
                if (wrapped) {
                    break;
                }
                wrapped = true;
                after = null;
                continue;
            }
            for (ChunkRecord chunk : ctx.reader().chunks(page.stream().map(MetaReader.NodeCopy::chunk).toList())
                    .values()) {
                if (moved >= excess || moves >= maxMoves) {
                    break;
                }
                CopyCensus census = ctx.census(chunk, members);
                boolean movable = chunk.refCount() > 0 && census.missing() == 0 && census.down().isEmpty()
                        && census.live().stream().anyMatch(n -> n.id().equals(source.id()));
                if (!movable) {
                    continue;
                }
                Set<NodeId> exclude = new HashSet<>();
                chunk.copies().forEach(c -> exclude.add(c.node()));
                chunk.doomed().forEach(c -> exclude.add(c.node()));
                List<NodeStatus> others = census.live().stream().filter(n -> !n.id().equals(source.id())).toList();
                List<NodeStatus> target = ctx.policy().choose(under, 1, exclude, chunk.size(), others);
                if (!target.isEmpty() && copier.move(chunk, source, target.getFirst())) {
                    moved += chunk.size();
                    moves++;
                    movedChunks.incrementAndGet();
                    movedBytes.addAndGet(chunk.size());
                }
            }
            after = page.getLast().chunk();
        }
        if (after == null) {
            cursors.remove(source.id());
        } else {
            cursors.put(source.id(), after);
        }
        if (moves > 0) {
            LOG.info("balancing: moved {} chunks ({} bytes) off node {}", moves, moved, source.id());
        }
        return moves;
    }

    BalanceReport report() {
        List<NodeStatus> nodes = candidates();
        double mean = mean(nodes);
        double tolerance = ctx.settings().balanceTolerance();
        List<BalanceReport.NodeUse> uses = new ArrayList<>();
        boolean balanced = true;
        for (NodeStatus node : nodes) {
            uses.add(new BalanceReport.NodeUse(node.id().value(), node.usedBytes(), node.capacityBytes(),
                    fraction(node)));
            balanced &= Math.abs(fraction(node) - mean) <= tolerance;
        }
        return new BalanceReport(tolerance, mean, balanced, moving || requested, movedChunks.get(), movedBytes.get(),
                uses);
    }

    /** The nodes balancing spreads over: healthy, taking writes, with a known capacity. */
    private List<NodeStatus> candidates() {
        return ctx.nodes().all().stream().filter(n -> n.writable() && n.capacityBytes() > 0).toList();
    }

    private static double mean(List<NodeStatus> nodes) {
        return nodes.stream().mapToDouble(Balancer::fraction).average().orElse(0);
    }

    private static double fraction(NodeStatus node) {
        return node.capacityBytes() == 0 ? 0 : (double) node.usedBytes() / node.capacityBytes();
    }
}
