package io.cairn.controller;

import io.cairn.api.Heartbeat;
import io.cairn.core.NodeId;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The controller's view of storage nodes: the replicated registry (read afresh on every call, so a drain logged on
 * another controller is seen here at once) joined with soft state from heartbeats (liveness, capacity, load), which
 * is never logged: after a restart every node is unhealthy until it heartbeats. A node is healthy while its last
 * heartbeat is younger than {@code deadAfter} and came from the store the registry knows it by. Removed nodes are
 * not listed. Thread-safe.
 */
public final class LiveNodes {
    private final Clock clock;
    private final Duration deadAfter;
    private final Supplier<List<NodeRecord>> registry;
    private final Map<NodeId, Beat> beats = new ConcurrentHashMap<>();
    private final Consumer<NodeId> onNewNode;
    /** When this view began: a node not heard from since counts as seen then, for {@link #down}. */
    private final long startedAt;

    /** The soft part: the last heartbeat, or the registration, and when it came. */
    private record Beat(Heartbeat last, long atMillis) {
    }

    /**
     * @param registry  the replicated node records, as of now
     * @param onNewNode told once about each node the first time it is seen (for per-node metrics)
     */
    public LiveNodes(Clock clock, Duration deadAfter, Supplier<List<NodeRecord>> registry, Consumer<NodeId> onNewNode) {
        this.clock = clock;
        this.deadAfter = deadAfter;
        this.registry = registry;
        this.onNewNode = onNewNode;
        this.startedAt = clock.millis();
    }

    public long now() {
        return clock.millis();
    }

    /** A node silent this long is unhealthy. */
    public Duration timeout() {
        return deadAfter;
    }

    /** A node registered just now: it is alive. */
    public void registered(NodeId node, long capacityBytes, String storeId) {
        Heartbeat initial = new Heartbeat(node, null, capacityBytes, 0, capacityBytes, 0, 0, null, 0, storeId);
        if (beats.put(node, new Beat(initial, clock.millis())) == null) {
            onNewNode.accept(node);
        }
    }

    /** Returns false if the node is not registered, or registered with another store: it must register again. */
    public boolean heartbeat(Heartbeat heartbeat) {
        NodeRecord record = registry.get().stream().filter(r -> r.id().equals(heartbeat.nodeId())).findFirst()
                .orElse(null);
        if (record == null || record.state() == NodeState.REMOVED || !sameStore(record, heartbeat.storeId())) {
            return false;
        }
        if (beats.put(heartbeat.nodeId(), new Beat(heartbeat, clock.millis())) == null) {
            onNewNode.accept(heartbeat.nodeId());
        }
        return true;
    }

    private static boolean sameStore(NodeRecord record, String storeId) {
        return record.storeId() == null || storeId == null || record.storeId().equals(storeId);
    }

    public Optional<NodeStatus> node(NodeId id) {
        return all().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Every member node, healthy or not, ordered by id. */
    public List<NodeStatus> all() {
        long now = clock.millis();
        List<NodeStatus> result = new ArrayList<>();
        for (NodeRecord record : registry.get()) {
            if (record.state() != NodeState.REMOVED) {
                result.add(status(record, beats.get(record.id()), now));
            }
        }
        return result;
    }

    public List<NodeStatus> healthy() {
        return all().stream().filter(NodeStatus::healthy).toList();
    }

    /** Healthy and active nodes: the ones that take new copies. */
    public List<NodeStatus> writable() {
        return all().stream().filter(NodeStatus::writable).toList();
    }

    private NodeStatus status(NodeRecord record, Beat beat, long now) {
        Heartbeat hb = beat == null ? null : beat.last;
        boolean healthy = hb != null && now - beat.atMillis < deadAfter.toMillis()
                && sameStore(record, hb.storeId());
        return new NodeStatus(record.id(), record.url(), record.zone(), healthy,
                hb == null ? 0 : hb.capacityBytes(), hb == null ? 0 : hb.usedBytes(), hb == null ? 0 : hb.freeBytes(),
                hb == null ? 0 : hb.chunkCount(), hb == null ? 0 : hb.inflight(), record.registeredAt(),
                beat == null ? 0 : beat.atMillis, hb == null ? null : hb.volume(), record.state(),
                record.incarnation(), hb == null ? 0 : hb.reserveBytes());
    }

    /**
     * Whether the node has been silent for the node timeout while this controller watched it, so a read from it will
     * not work. Unhealthy is not enough: after a controller starts, every node is unhealthy until it heartbeats (for
     * placement, which must not guess), but one not heard from yet is not known to be down until the node timeout
     * has passed since the start (the rule the chunk keeper applies before it gives copies up).
     */
    public boolean down(NodeStatus node) {
        return !node.healthy() && clock.millis() - Math.max(node.lastSeenMillis(), startedAt) >= deadAfter.toMillis();
    }

    /** Forgets the soft state of a node that left the cluster. */
    public void forget(NodeId node) {
        beats.remove(Objects.requireNonNull(node));
    }
}
