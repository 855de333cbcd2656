package io.cairn.controller.chunks;

import io.cairn.api.BadReplicaReport;
import io.cairn.api.BalanceReport;
import io.cairn.api.RecoveryStatus;
import io.cairn.api.RepairReport;
import io.cairn.controller.KeeperSettings;
import io.cairn.controller.LiveNodes;
import io.cairn.controller.MetadataCommands;
import io.cairn.controller.NodeStatus;
import io.cairn.controller.PlacementPolicy;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.Copy;
import io.cairn.core.model.ObjectVersion;
import java.util.Map;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.NodeState;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a chunk's life on the controller side (docs/design/0005): on the controller group's leader, a
 * background pass every {@link KeeperSettings#interval()} deletes doomed copies, collects garbage, reconciles one
 * node's inventory with the map, plans repairs (copies lost with dead nodes, dropped as missing or corrupt, on draining
 * nodes) and runs them, fewest counting copies first, a few at a time within the bandwidth. Every change to what the
 * map believes is a logged command, decided again at apply time. After a leader change the next leader starts from
 * the indexes; nothing is remembered between passes that the map does not hold, except what to look at next.
 *
 * <p>Thread-safe: passes run one at a time (the background thread, or a caller of {@link #runPass()}).
 */
public final class ChunkKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkKeeper.class);

    private final KeeperContext ctx;
    private final Collector collector;
    private final Deleter deleter;
    private final Reconciler reconciler;
    private final RepairPlanner planner;
    private final Copier copier;
    private final Balancer balancer;
    private final ReentrantLock passLock = new ReentrantLock();
    /** When each node was last reconciled (controller clock); soft: a new leader starts with none. */
    private final Map<NodeId, Long> reconciledAt = new ConcurrentHashMap<>();
    private volatile RepairPlanner.Plan lastPlan;
    private volatile long lastPassAt;
    private final AtomicInteger queued = new AtomicInteger();
    private Thread thread;

    public ChunkKeeper(MetaReader reader, MetadataCommands commands, LiveNodes nodes, PlacementPolicy policy,
                       NodeChunks chunks, Clock clock, KeeperSettings settings, MeterRegistry registry) {
        this.ctx = new KeeperContext(reader, commands, nodes, policy, chunks, clock, settings,
                new KeeperCounters(registry, clock), clock.millis());
        this.collector = new Collector(ctx);
        this.deleter = new Deleter(ctx);
        this.reconciler = new Reconciler(ctx);
        this.planner = new RepairPlanner(ctx);
        this.copier = new Copier(ctx);
        this.balancer = new Balancer(ctx, copier);
        registerGauges(registry);
    }

    /** Starts the background passes; they do work only while this controller leads. */
    public synchronized ChunkKeeper start() {
        thread = Thread.ofVirtual().name("chunk-keeper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(ctx.settings().interval());
                    if (ctx.commands().leading()) {
                        runPass();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("chunk keeper pass failed (retrying next pass): {}", e.toString());
                }
            }
        });
        return this;
    }

    /** One whole pass, now, on the calling thread (waiting for a pass in progress to end first). */
    public void runPass() throws InterruptedException {
        passLock.lockInterruptibly();
        try {
            // Deletes first: what this pass collects is deleted by the next, never in the same breath as the decision.
            step("deleting doomed copies", deleter::run);
            step("garbage collection", collector::run);
            reconcileNext();
            RepairPlanner.Plan plan = planner.plan();
            lastPlan = plan;
            repair(plan.jobs());
            // Balance only a cluster at full redundancy: repairs come first, and moves must not compete with them.
            if (plan.underReplicated() == 0 && plan.drainingLeft().values().stream().allMatch(left -> left == 0)) {
                try {
                    balancer.run();
                } catch (CairnException e) {
                    LOG.debug("balancing stopped for this pass: {}", e.getMessage());
                }
            }
            lastPassAt = ctx.clock().millis();
        } finally {
            passLock.unlock();
        }
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (CairnException e) {
            LOG.debug("{} stopped for this pass: {}", name, e.getMessage());
        }
    }

    /**
     * Reconciles the healthy node reconciled longest ago (one never reconciled first), if that is at least the
     * reconcile interval ago.
     */
    private void reconcileNext() {
        long now = ctx.clock().millis();
        NodeStatus next = ctx.nodes().healthy().stream()
                .min(Comparator.comparingLong(n -> reconciledAt.getOrDefault(n.id(), Long.MIN_VALUE))).orElse(null);
        if (next == null) {
            return;
        }
        Long last = reconciledAt.get(next.id());
        if (last != null && now - last < ctx.settings().reconcileInterval().toMillis()) {
            return;
        }
        reconciledAt.put(next.id(), now);
        step("reconciling " + next.id(), () -> reconciler.reconcile(next));
    }

    /** Runs the jobs, fewest counting copies first, at most the configured number at once. */
    private void repair(List<RepairPlanner.Job> jobs) throws InterruptedException {
        Semaphore slots = new Semaphore(Math.max(1, ctx.settings().repairConcurrency()));
        queued.set(jobs.size());
        // Closing the pool waits for the jobs started.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RepairPlanner.Job job : jobs) {
                if (!ctx.commands().leading()) {
                    break;
                }
                slots.acquire();
                pool.submit(() -> {
                    try {
                        copier.repair(job.chunk());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (CairnException e) {
                        ctx.counters().repairsFailed.increment();
                        LOG.debug("repairing chunk {} failed: {}", job.chunk(), e.getMessage());
                    } finally {
                        slots.release();
                        queued.decrementAndGet();
                    }
                });
            }
        } finally {
            queued.set(0);
        }
    }

    /**
     * A reader found a copy missing or corrupt. Before the map forgets it, the node re-hashes its file (and
     * quarantines it if corrupt): a reader's network trouble must not cost a good copy. The state machine keeps the
     * last copy that counts whatever this says.
     */
    public void reportBadCopy(BadReplicaReport report) {
        LOG.warn("bad copy reported: chunk {} on node {}: {}", report.chunk(), report.node(), report.reason());
        ChunkRecord chunk = ctx.reader().chunk(report.chunk()).orElse(null);
        if (chunk == null || chunk.copyOn(report.node()).isEmpty()) {
            return;
        }
        NodeStatus node = ctx.nodes().node(report.node()).orElse(null);
        if (node == null || !node.healthy()) {
            return; // a node that is down is the repair planner's business, not a bad copy
        }
        try {
            if (ctx.chunks().intact(node.url(), report.chunk())) {
                LOG.info("node {} verified its copy of {}: intact, kept", report.node(), report.chunk());
                return;
            }
        } catch (CairnException e) {
            LOG.debug("node {} could not verify {}: {}", report.node(), report.chunk(), e.getMessage());
            return;
        }
        ctx.counters().corruptFound.increment();
        ctx.commands().submit(new MetaCommand.DropReplica(report.chunk(), report.node()), ChunkRecord.class);
    }

    /**
     * Records copies a write made after it was acknowledged (its consistency was below strong); a copy on a node that
     * left or changed its store, or one being deleted, is refused by the state machine.
     */
    public void recordCopies(ChunkId chunk, List<NodeId> nodes, List<Long> generations) {
        Map<NodeId, NodeStatus> members = ctx.members();
        List<Copy> copies = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeStatus node = members.get(nodes.get(i));
            if (node != null) {
                copies.add(new Copy(node.id(), node.incarnation(), generations.isEmpty() ? 0 : generations.get(i)));
            }
        }
        if (!copies.isEmpty()) {
            ctx.commands().submit(new MetaCommand.AddCopies(chunk, copies), ChunkRecord.class);
        }
    }

    /** A node found copies of its own missing or corrupt (its scrubber): they are no copies any more. */
    public void copiesLost(NodeId node, List<ChunkId> chunks) {
        for (ChunkId chunk : chunks) {
            ctx.counters().corruptFound.increment();
            try {
                ctx.commands().submit(new MetaCommand.DropReplica(chunk, node), ChunkRecord.class);
            } catch (CairnException e) {
                LOG.debug("lost copy of {} on {} not dropped: {}", chunk, node, e.getMessage());
            }
        }
    }

    /**
     * Checks every copy of every chunk of one version now and repairs what it finds: each healthy node holding a copy
     * re-hashes it (quarantining it if corrupt), bad copies are dropped, and chunks short of copies get new ones.
     * Runs on the caller's thread, beside the background passes (a copy both make is trimmed later).
     */
    public RepairReport repairFile(ObjectVersion version) {
        Map<NodeId, NodeStatus> members = ctx.members();
        int checked = 0;
        int badCopies = 0;
        int unreachableCopies = 0;
        int added = 0;
        boolean healthy = true;
        List<RepairReport.ChunkRepair> repaired = new ArrayList<>();
        List<ChunkId> chunks = version.chunks().stream().map(ChunkRef::id).distinct().toList();
        for (ChunkId id : chunks) {
            ChunkRecord chunk = ctx.reader().chunk(id).orElse(null);
            if (chunk == null) {
                healthy = false;
                repaired.add(new RepairReport.ChunkRepair(id.hex(), List.of(), List.of(), 0, 0));
                continue;
            }
            List<String> bad = new ArrayList<>();
            List<String> unreachable = new ArrayList<>();
            for (Copy copy : chunk.copies()) {
                NodeStatus node = members.get(copy.node());
                if (node == null || !node.holds(copy)) {
                    continue;
                }
                if (!node.healthy()) {
                    unreachable.add(node.id().value());
                    continue;
                }
                try {
                    checked++;
                    if (!ctx.chunks().intact(node.url(), id)) {
                        bad.add(node.id().value());
                        ctx.counters().corruptFound.increment();
                        ctx.commands().submit(new MetaCommand.DropReplica(id, node.id()), ChunkRecord.class);
                    }
                } catch (CairnException e) {
                    unreachable.add(node.id().value());
                }
            }
            int before = ctx.census(ctx.reader().chunk(id).orElseThrow(), members).live().size();
            try {
                copier.repair(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted while repairing " + id);
            }
            CopyCensus after = ctx.census(ctx.reader().chunk(id).orElseThrow(), ctx.members());
            int made = Math.max(0, after.live().size() - before);
            added += made;
            badCopies += bad.size();
            unreachableCopies += unreachable.size();
            healthy &= after.live().size() >= chunk.replication();
            if (!bad.isEmpty() || !unreachable.isEmpty() || made > 0) {
                repaired.add(new RepairReport.ChunkRepair(id.hex(), bad, unreachable, made, after.live().size()));
            }
        }
        return new RepairReport(version.key(), version.version(), chunks.size(), checked, badCopies,
                unreachableCopies, added, healthy, repaired);
    }

    /** Asks for balancing now (it also runs by itself unless turned off) and says how even the nodes are. */
    public BalanceReport rebalance() {
        balancer.request();
        return balancer.report();
    }

    public RecoveryStatus status() {
        RepairPlanner.Plan plan = lastPlan;
        ClusterStats stats = ctx.reader().stats();
        double rate = ctx.counters().bytesPerSecond();
        long underBytes = plan == null ? 0 : plan.underReplicatedBytes();
        List<RecoveryStatus.Draining> draining = new ArrayList<>();
        for (NodeStatus node : ctx.nodes().all()) {
            if (node.state() == NodeState.DRAINING) {
                long left = plan == null ? -1 : plan.drainingLeft().getOrDefault(node.id(), -1L);
                draining.add(new RecoveryStatus.Draining(node.id().value(), left));
            }
        }
        KeeperCounters c = ctx.counters();
        return new RecoveryStatus(ctx.commands().leading(), lastPassAt == 0 ? null
                : Instant.ofEpochMilli(lastPassAt).toString(),
                plan == null ? 0 : plan.underReplicated(), underBytes, plan == null ? 0 : plan.singleCopy(),
                plan == null ? 0 : plan.unrecoverable(), plan == null ? 0 : plan.overReplicated(), queued.get(),
                (long) c.repairsDone.count(), (long) c.repairsFailed.count(), (long) c.repairedBytes.count(), rate,
                secondsToFullRedundancy(rate),
                (long) c.trimmed.count(), (long) c.missingFound.count(), (long) c.orphansDoomed.count(),
                stats.unreferencedBytes(), stats.doomedBytes(), stats.reclaimedBytes(), (long) c.corruptFound.count(),
                draining);
    }

    /** Each gauge reads its own figure: a scrape reads the last plan, the counters and the stats once each. */
    private void registerGauges(MeterRegistry registry) {
        plan(registry, "cairn.recovery.under.replicated.chunks", "chunks short of copies at the last pass",
                RepairPlanner.Plan::underReplicated);
        plan(registry, "cairn.recovery.under.replicated.bytes", "bytes of copies missing at the last pass",
                RepairPlanner.Plan::underReplicatedBytes);
        plan(registry, "cairn.recovery.single.copy.chunks", "chunks with one counting copy left",
                RepairPlanner.Plan::singleCopy);
        plan(registry, "cairn.recovery.unrecoverable.chunks", "chunks with no healthy copy to repair from",
                RepairPlanner.Plan::unrecoverable);
        Gauge.builder("cairn.recovery.queue", queued, AtomicInteger::get).description("copy jobs waiting")
                .register(registry);
        Gauge.builder("cairn.recovery.bytes.per.second", ctx.counters(), KeeperCounters::bytesPerSecond)
                .description("repair throughput over the last minute").register(registry);
        Gauge.builder("cairn.recovery.seconds.to.full.redundancy", this, k -> k.secondsToFullRedundancy(
                k.ctx.counters().bytesPerSecond())).description("estimate at the current repair rate")
                .register(registry);
        stat(registry, "cairn.gc.unreferenced.bytes", "bytes of chunks nothing references",
                ClusterStats::unreferencedBytes);
        stat(registry, "cairn.gc.pending.delete.bytes", "bytes of copies waiting to be deleted",
                ClusterStats::doomedBytes);
        stat(registry, "cairn.gc.reclaimed.bytes", "bytes deleted on nodes since the cluster began",
                ClusterStats::reclaimedBytes);
    }

    private void plan(MeterRegistry registry, String name, String help, ToDoubleFunction<RepairPlanner.Plan> value) {
        Gauge.builder(name, this, k -> k.lastPlan == null ? 0 : value.applyAsDouble(k.lastPlan)).description(help)
                .register(registry);
    }

    private void stat(MeterRegistry registry, String name, String help, ToDoubleFunction<ClusterStats> value) {
        Gauge.builder(name, ctx.reader(), r -> value.applyAsDouble(r.stats())).description(help).register(registry);
    }

    /** At {@code rate} bytes per second; 0 when nothing is short, -1 when nothing is being copied. */
    private long secondsToFullRedundancy(double rate) {
        long missing = lastPlan == null ? 0 : lastPlan.underReplicatedBytes();
        return rate > 0 ? (long) Math.ceil(missing / rate) : missing == 0 ? 0 : -1;
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
