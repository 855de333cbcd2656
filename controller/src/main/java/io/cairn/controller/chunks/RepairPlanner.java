package io.cairn.controller.chunks;

import io.cairn.controller.NodeStatus;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the chunks that may need work, paging through indexes so memory stays bounded whatever the size of
 * the map: the copies on nodes that are draining, dead past the repair delay, removed or on a new store incarnation,
 * and the chunks recorded with fewer or more copies than wanted. Each chunk is judged by its {@link CopyCensus}:
 * missing copies become repair jobs (fewest counting copies first, at most {@link #MAX_JOBS}), extra copies are
 * retired, stale ones forgotten, draining ones retired once they are no longer needed. Runs on the keeper's thread.
 */
final class RepairPlanner {
    static final int MAX_JOBS = 10_000;
    private static final int PAGE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RepairPlanner.class);

    /** However quiet the cluster, a full pass now and then catches what no change announced. */
    private static final long FULL_PASS_EVERY_MILLIS = 10 * 60_000;

    private final KeeperContext ctx;
    /** Nodes whose copies were all current at the last look, by the incarnation then: no need to page them again. */
    private final Map<NodeId, Long> cleanIncarnation = new HashMap<>();
    private String lastSignature = "";
    private long lastFullPassAt;
    private boolean lastFoundWork = true;
    private Plan lastFullPlan;

    RepairPlanner(KeeperContext ctx) {
        this.ctx = ctx;
    }

    /** A repair job: a chunk and how many copies of it count now (fewer first). */
    record Job(ChunkId chunk, int counting) {
    }

    /** What a pass found. */
    record Plan(List<Job> jobs, long underReplicated, long underReplicatedBytes, long singleCopy, long unrecoverable,
                long overReplicated, Map<NodeId, Long> drainingLeft) {
    }

    /**
     * Plans the next repairs. The copies of dead nodes and the over-replicated chunks are paged only when something
     * changed since the last full pass (a node's health, state or store; work found last time) or every ten minutes:
     * after a dead node's chunks are repaired its copies stay recorded (it may come back), and paging them every pass
     * would cost a read per chunk it held, forever. The under-replicated index is paged every pass: it holds what
     * changed in the map (copies dropped, commits short of copies).
     */
    Plan plan() {
        Map<NodeId, NodeStatus> members = ctx.members();
        long now = ctx.clock().millis();
        long deadBefore = ctx.deadBefore();
        String signature = signature(members, deadBefore);
        boolean full = lastFullPlan == null || lastFoundWork || !signature.equals(lastSignature)
                || now - lastFullPassAt >= FULL_PASS_EVERY_MILLIS;
        if (!full) {
            Tally tally = new Tally(members);
            pageChunks(after -> ctx.reader().underReplicated(after, PAGE), tally::judge);
            tally.forgetStale();
            lastFoundWork = !tally.jobs.isEmpty() || tally.over > 0 || tally.forgotten > 0;
            if (!lastFoundWork) {
                return lastFullPlan;
            }
            return tally.plan();
        }
        lastSignature = signature;
        lastFullPassAt = now;
        Plan plan = fullPlan(members, deadBefore);
        lastFullPlan = new Plan(List.of(), plan.underReplicated(), plan.underReplicatedBytes(), plan.singleCopy(),
                plan.unrecoverable(), plan.overReplicated(), plan.drainingLeft());
        return plan;
    }

    /** What a pass must look at again when it changes: each member's health, state, store and whether it is dead. */
    private String signature(Map<NodeId, NodeStatus> members, long deadBefore) {
        StringBuilder signature = new StringBuilder();
        for (NodeStatus node : new java.util.TreeMap<>(members).values()) {
            boolean dead = !node.healthy() && Math.max(node.lastSeenMillis(), ctx.knownSince()) < deadBefore;
            signature.append(node.id()).append(node.healthy()).append(dead).append(node.state())
                    .append(node.incarnation()).append(';');
        }
        return signature.toString();
    }

    private Plan fullPlan(Map<NodeId, NodeStatus> members, long deadBefore) {
        Set<NodeId> swept = new TreeSet<>();
        for (NodeRecord node : ctx.reader().nodes()) {
            NodeStatus status = members.get(node.id());
            boolean sweep = status == null || status.state() == NodeState.DRAINING
                    || (!status.healthy() && Math.max(status.lastSeenMillis(), ctx.knownSince()) < deadBefore)
                    || !Long.valueOf(node.incarnation()).equals(cleanIncarnation.get(node.id()));
            if (sweep) {
                swept.add(node.id());
            }
        }
        Tally tally = new Tally(members);
        for (NodeId node : swept) {
            boolean[] clean = {true};
            long[] copies = {0};
            pageChunks(after -> ctx.reader().copiesOn(node, after, PAGE).stream().map(MetaReader.NodeCopy::chunk)
                    .toList(), chunk -> {
                        // A chunk with copies on several swept nodes is judged once, from the first of them.
                        if (firstSwept(chunk, swept).equals(node)) {
                            tally.judge(chunk);
                        }
                        copies[0]++;
                        clean[0] &= chunk.copyOn(node).map(c -> members.containsKey(node)
                                && members.get(node).holds(c)).orElse(true);
                    });
            NodeStatus status = members.get(node);
            if (status != null && clean[0]) {
                cleanIncarnation.put(node, status.incarnation());
            }
            if (status != null && status.state() == NodeState.DRAINING) {
                tally.drainingLeft.put(node, copies[0]);
            }
        }
        Consumer<ChunkRecord> unlessSwept = chunk -> {
            if (chunk.copies().stream().noneMatch(c -> swept.contains(c.node()))) {
                tally.judge(chunk);
            }
        };
        pageChunks(after -> ctx.reader().underReplicated(after, PAGE), unlessSwept);
        pageChunks(after -> ctx.reader().overReplicated(after, PAGE), unlessSwept);
        tally.forgetStale();
        lastFoundWork = !tally.jobs.isEmpty() || tally.over > 0 || tally.forgotten > 0;
        return tally.plan();
    }

    private static NodeId firstSwept(ChunkRecord chunk, Set<NodeId> swept) {
        return chunk.copies().stream().map(Copy::node).filter(swept::contains).sorted().findFirst().orElseThrow();
    }

    /** Pages through chunk ids from {@code page} (given the last id of the previous page) and visits their records. */
    private void pageChunks(java.util.function.Function<ChunkId, List<ChunkId>> page, Consumer<ChunkRecord> visit) {
        ChunkId after = null;
        while (true) {
            List<ChunkId> ids = page.apply(after);
            if (ids.isEmpty()) {
                return;
            }
            ctx.reader().chunks(ids).values().forEach(visit);
            if (ids.size() < PAGE) {
                return;
            }
            after = ids.getLast();
        }
    }

    /** The findings of one pass, and the small fixes made on the way (trims, stale copies forgotten). */
    private final class Tally {
        final Map<NodeId, NodeStatus> members;
        final PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::counting).reversed()
                .thenComparing(Job::chunk, Comparator.reverseOrder()));
        final Map<NodeId, List<ChunkId>> stale = new HashMap<>();
        final Map<NodeId, Long> drainingLeft = new HashMap<>();
        long under;
        long underBytes;
        long single;
        long unrecoverable;
        long over;
        long forgotten;

        Tally(Map<NodeId, NodeStatus> members) {
            this.members = members;
        }

        Plan plan() {
            List<Job> sorted = new ArrayList<>(jobs);
            sorted.sort(Comparator.comparingInt(Job::counting).thenComparing(Job::chunk));
            return new Plan(sorted, under, underBytes, single, unrecoverable, over, drainingLeft);
        }

        void judge(ChunkRecord chunk) {
            CopyCensus census = ctx.census(chunk, members);
            for (Copy copy : census.stale()) {
                List<ChunkId> batch = stale.computeIfAbsent(copy.node(), n -> new ArrayList<>());
                batch.add(chunk.id());
                if (batch.size() >= PAGE) {
                    forget(copy.node(), batch);
                }
            }
            int missing = census.missing();
            if (missing > 0) {
                under++;
                underBytes += (long) chunk.size() * missing;
                if (census.counting() == 1) {
                    single++;
                }
                if (census.sources().isEmpty()) {
                    unrecoverable++;
                } else {
                    offer(new Job(chunk.id(), census.counting()));
                }
            } else if (!census.draining().isEmpty()) {
                offer(new Job(chunk.id(), census.counting()));
            }
            int extra = census.extra();
            if (extra > 0) {
                over++;
                trim(chunk, census, extra);
            }
        }

        private void offer(Job job) {
            jobs.add(job);
            if (jobs.size() > MAX_JOBS) {
                jobs.poll(); // the job with the most counting copies waits for a later pass
            }
        }

        /** Retires the extra copies on the fullest nodes, keeping the copies spread over failure domains. */
        private void trim(ChunkRecord chunk, CopyCensus census, int extra) {
            List<NodeStatus> byFullness = new ArrayList<>(census.live());
            byFullness.sort(Comparator.comparingLong(NodeStatus::room));
            List<NodeId> retire = byFullness.subList(0, extra).stream().map(NodeStatus::id).toList();
            try {
                ctx.commands().submit(new MetaCommand.RetireCopies(chunk.id(), retire), ChunkRecord.class);
                retire.forEach(n -> ctx.counters().trimmed.increment());
            } catch (CairnException e) {
                LOG.debug("kept the extra copies of {}: {}", chunk.id(), e.getMessage());
            }
        }

        void forgetStale() {
            stale.forEach(this::forget);
        }

        /** Forgets a batch of copies that count nowhere (the state machine re-checks each); empties the batch. */
        private void forget(NodeId node, List<ChunkId> batch) {
            if (!batch.isEmpty()) {
                forgotten += ctx.commands().submit(new MetaCommand.ForgetStaleCopies(node, List.copyOf(batch)),
                        Integer.class);
                batch.clear();
            }
        }
    }
}
