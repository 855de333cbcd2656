package io.cairn.controller;

import io.cairn.api.Heartbeat;
import io.cairn.core.NodeId;
import io.cairn.core.model.NodeRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The controller's soft state about storage nodes (brief §2): registrations mirrored from the metadata plus liveness,
 * capacity and load from heartbeats. Never logged; after a restart every node is unhealthy until it heartbeats.
 * A node is healthy while its last heartbeat is younger than {@code deadAfter}. Thread-safe.
 */
public final class LiveNodes {
    private final Clock clock;
    private final Duration deadAfter;
    private final Map<NodeId, Entry> nodes = new ConcurrentHashMap<>();
    private final Consumer<NodeId> onNewNode;

    private record Entry(NodeRecord record, Heartbeat last, long lastSeenMillis) {
    }

    /** @param onNewNode told once about each node the first time it is seen (for per-node metrics) */
    public LiveNodes(Clock clock, Duration deadAfter, Consumer<NodeId> onNewNode) {
        this.clock = clock;
        this.deadAfter = deadAfter;
        this.onNewNode = onNewNode;
    }

    public long now() {
        return clock.millis();
    }

    /** Loads a registration from the metadata (at start) without marking the node alive. */
    public void known(NodeRecord record) {
        boolean isNew = nodes.putIfAbsent(record.id(), new Entry(record, null, 0)) == null;
        if (!isNew) {
            nodes.computeIfPresent(record.id(), (id, old) -> new Entry(record, old.last, old.lastSeenMillis));
        } else {
            onNewNode.accept(record.id());
        }
    }

    /** A node registered just now: it is alive. */
    public void registered(NodeRecord record, long capacityBytes) {
        long now = clock.millis();
        Heartbeat initial = new Heartbeat(record.id(), null, capacityBytes, 0, capacityBytes, 0, 0, null, 0, null);
        Entry previous = nodes.put(record.id(), new Entry(record, initial, now));
        if (previous == null) {
            onNewNode.accept(record.id());
        }
    }

    /** Returns false if the node is not registered (it must register again). */
    public boolean heartbeat(Heartbeat heartbeat) {
        long now = clock.millis();
        return nodes.computeIfPresent(heartbeat.nodeId(), (id, old) -> new Entry(old.record, heartbeat, now)) != null;
    }

    public Optional<NodeStatus> node(NodeId id) {
        Entry entry = nodes.get(id);
        return entry == null ? Optional.empty() : Optional.of(status(entry, clock.millis()));
    }

    /** Every registered node, healthy or not, ordered by id. */
    public List<NodeStatus> all() {
        long now = clock.millis();
        List<NodeStatus> result = new ArrayList<>(nodes.size());
        for (Entry entry : nodes.values()) {
            result.add(status(entry, now));
        }
        result.sort(Comparator.comparing(NodeStatus::id));
        return result;
    }

    public List<NodeStatus> healthy() {
        return all().stream().filter(NodeStatus::healthy).toList();
    }

    private NodeStatus status(Entry entry, long now) {
        Heartbeat hb = entry.last;
        boolean healthy = hb != null && now - entry.lastSeenMillis < deadAfter.toMillis();
        return new NodeStatus(entry.record.id(), entry.record.url(), entry.record.zone(), healthy,
                hb == null ? 0 : hb.capacityBytes(), hb == null ? 0 : hb.usedBytes(), hb == null ? 0 : hb.freeBytes(),
                hb == null ? 0 : hb.chunkCount(), hb == null ? 0 : hb.inflight(), entry.record.registeredAt(),
                entry.lastSeenMillis, hb == null ? null : hb.volume());
    }
}
