package io.cairn.controller;

import io.cairn.core.NodeId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Per-node gauges (capacity, use, chunks, health, heartbeat age) tagged with the node id, registered the first time
 * the live view sees a node and read from it at scrape time.
 */
final class NodeMetrics {
    private final MeterRegistry registry;
    private volatile LiveNodes nodes;

    NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void observe(LiveNodes liveNodes) {
        this.nodes = liveNodes;
    }

    void track(NodeId id) {
        gauge("cairn.node.capacity.bytes", id, NodeStatus::capacityBytes);
        gauge("cairn.node.used.bytes", id, NodeStatus::usedBytes);
        gauge("cairn.node.free.bytes", id, NodeStatus::freeBytes);
        gauge("cairn.node.chunks", id, NodeStatus::chunkCount);
        gauge("cairn.node.healthy", id, n -> n.healthy() ? 1 : 0);
        gauge("cairn.node.heartbeat.age.seconds", id, n -> n.lastSeenMillis() == 0 ? Double.NaN
                : (nodes.now() - n.lastSeenMillis()) / 1000.0);
    }

    private void gauge(String name, NodeId id, ToDoubleFunction<NodeStatus> value) {
        Gauge.builder(name, this, m -> m.nodes == null ? Double.NaN
                        : m.nodes.node(id).map(value::applyAsDouble).orElse(Double.NaN))
                .tag("node", id.value()).register(registry);
    }
}
