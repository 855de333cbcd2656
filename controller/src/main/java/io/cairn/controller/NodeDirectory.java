package io.cairn.controller;

import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.NodeView;
import io.cairn.api.QuotaInfo;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;
import io.cairn.api.StatusReport;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sizes;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.meta.MetaCommand.RegisterNode;
import io.cairn.meta.MetaCommand.RemoveNode;
import io.cairn.meta.MetaCommand.SetNodeState;
import io.cairn.meta.MetaReader;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage nodes of the cluster: registration (a new store under a known id is a new incarnation, decided by the
 * state machine), heartbeats, the views operators see, and a node's life: drained, enabled, removed. Thread-safe.
 */
final class NodeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);
    private static final int PAGE = 1000;

    private final MetaReader reader;
    private final MetadataCommands commands;
    private final LiveNodes nodes;
    private final Clock clock;
    private final String clusterId;
    private final int replicationFactor;
    private final Duration repairDelay;
    private final long startedAt;

    NodeDirectory(MetaReader reader, MetadataCommands commands, LiveNodes nodes, Clock clock, String clusterId,
                  int replicationFactor, Duration repairDelay) {
        this.reader = reader;
        this.commands = commands;
        this.nodes = nodes;
        this.clock = clock;
        this.clusterId = clusterId;
        this.replicationFactor = replicationFactor;
        this.repairDelay = repairDelay;
        this.startedAt = clock.millis();
    }

    RegisterResponse register(RegisterRequest request) {
        checkCluster(request.clusterId());
        if (request.nodeId() == null || request.url() == null || !request.url().matches("https?://.+")) {
            throw CairnException.badRequest("registration needs a node id and an http(s) url");
        }
        NodeRecord existing = reader.node(request.nodeId()).orElse(null);
        NodeRecord proposed = NodeRecord.fresh(request.nodeId(), request.url(),
                existing == null ? clock.millis() : existing.registeredAt(), request.zone(), request.storeId());
        if (existing == null || !sameRegistration(existing, proposed)) {
            NodeRecord stored = commands.submit(new RegisterNode(proposed), NodeRecord.class);
            if (existing != null && stored.incarnation() != existing.incarnation()) {
                LOG.warn("node {} registered with another chunk store ({}): its copies recorded before count no more"
                        + " and are being repaired", stored.id(), stored.storeId());
            }
            LOG.info("node {} registered at {}", stored.id(), stored.url());
        }
        nodes.registered(request.nodeId(), request.capacityBytes(), request.storeId());
        return new RegisterResponse(clusterId);
    }

    /** Whether registering {@code proposed} would change nothing the registry records. */
    private static boolean sameRegistration(NodeRecord existing, NodeRecord proposed) {
        return existing.state() != NodeState.REMOVED && existing.url().equals(proposed.url())
                && Objects.equals(existing.zone(), proposed.zone())
                && (proposed.storeId() == null || proposed.storeId().equals(existing.storeId()));
    }

    HeartbeatResponse heartbeat(Heartbeat heartbeat) {
        checkCluster(heartbeat.clusterId());
        return new HeartbeatResponse(nodes.heartbeat(heartbeat));
    }

    /**
     * Refuses a report about copies from a store the registry does not know the node by: a node restarted on another
     * disk speaks for that disk, not for the copies recorded on the old one.
     */
    void requireStore(NodeId node, String storeId) {
        NodeRecord record = reader.node(node).orElseThrow(() -> CairnException.notFound("no storage node '" + node
                + "' in the cluster"));
        if (storeId != null && record.storeId() != null && !storeId.equals(record.storeId())) {
            throw new CairnException(ErrorCode.CONFLICT, "node " + node + " reports on store " + storeId
                    + ", registered with store " + record.storeId() + "; register again first");
        }
    }

    private void checkCluster(String presented) {
        if (presented != null && !presented.equals(clusterId)) {
            throw new CairnException(ErrorCode.WRONG_CLUSTER, "this node belongs to cluster " + presented
                    + ", but this controller runs cluster " + clusterId);
        }
    }

    StatusReport status(io.cairn.api.RaftStatus raft) {
        // Status must answer while the group has no leader (that is when it matters most): no read barrier.
        ClusterStats stats = reader.stats();
        List<NodeStatus> all = nodes.all();
        int healthy = (int) all.stream().filter(NodeStatus::healthy).count();
        int writable = (int) all.stream().filter(NodeStatus::writable).count();
        String status = writable < replicationFactor ? "unavailable"
                : healthy < all.size() ? "degraded" : "healthy";
        // Nodes sharing a file system (./cairn server puts all of them on one disk) count its space once.
        Map<String, NodeStatus> volumes = new LinkedHashMap<>();
        for (NodeStatus node : all) {
            if (node.healthy()) {
                volumes.putIfAbsent(node.volume() != null ? node.volume() : "node:" + node.id(), node);
            }
        }
        long capacity = volumes.values().stream().mapToLong(NodeStatus::capacityBytes).sum();
        long free = volumes.values().stream().mapToLong(NodeStatus::freeBytes).sum();
        long uptime = (clock.millis() - startedAt) / 1000;
        return new StatusReport(status, clusterId, all.size(), healthy, stats.objects(), stats.versions(),
                stats.chunks(), stats.logicalBytes(), stats.storedBytes(), Sizes.human(stats.storedBytes()), capacity,
                free, replicationFactor, uptime, Times.uptime(uptime), raft, quotas());
    }

    /** Read without a barrier, as status is. */
    List<QuotaInfo> quotas() {
        return reader.quotas().stream().map(q -> new QuotaInfo(q.scope().name().toLowerCase(Locale.ROOT), q.name(),
                q.quota().maxBytes(), q.quota().maxObjects(), q.usage().bytes(), q.usage().objects())).toList();
    }

    List<NodeView> views() {
        long now = clock.millis();
        return nodes.all().stream().map(n -> new NodeView(n.id().value(), n.url(),
                n.healthy() ? "healthy" : "unhealthy", n.capacityBytes(), n.usedBytes(), n.freeBytes(), n.chunkCount(),
                n.load(), Times.iso(n.registeredAt()), n.lastSeenMillis() == 0 ? null : Times.iso(n.lastSeenMillis()),
                n.lastSeenMillis() == 0 ? -1 : now - n.lastSeenMillis(), n.state().name().toLowerCase(Locale.ROOT),
                n.zone())).toList();
    }

    /** Stops new chunks going to the node; the leader's chunk keeper copies its chunks elsewhere. */
    NodeView drain(NodeId node) {
        commands.submit(new SetNodeState(node, NodeState.DRAINING), NodeRecord.class);
        LOG.info("node {} is draining", node);
        return view(node);
    }

    NodeView enable(NodeId node) {
        commands.submit(new SetNodeState(node, NodeState.ACTIVE), NodeRecord.class);
        LOG.info("node {} takes new chunks again", node);
        return view(node);
    }

    /**
     * Removes a node that holds no copy the cluster needs: one drained, or dead for longer than the repair delay.
     * Otherwise refused, saying how many chunks still have their only copy there. The state machine re-checks that
     * no copy is recorded on it (unless it is dead), so a copy recorded meanwhile is never orphaned.
     */
    void remove(NodeId node) {
        NodeStatus status = nodes.node(node).orElseThrow(() -> CairnException.notFound("no storage node '" + node
                + "' in the cluster"));
        boolean dead = !status.healthy() && clock.millis() - status.lastSeenMillis()
                >= nodes.timeout().toMillis() + repairDelay.toMillis();
        if (!dead && status.state() == NodeState.DRAINING && !reader.copiesOn(node, null, 1).isEmpty()) {
            throw new CairnException(ErrorCode.CONFLICT, "node " + node + " is still draining; remove it once "
                    + "`cairn recovery` shows no chunks left on it");
        }
        if (!dead) {
            SoleCopies sole = soleCopies(node);
            if (sole.chunks() > 0) {
                throw new CairnException(ErrorCode.CONFLICT, "node " + node + " holds the only copy of " + sole.chunks()
                        + " chunks (" + Sizes.human(sole.bytes()) + ") that count; drain it first (cairn node drain "
                        + node + "), or wait until it has been dead for " + repairDelay.toSeconds() + " s");
            }
        }
        commands.submit(new RemoveNode(node, dead), NodeRecord.class);
        nodes.forget(node);
        LOG.info("node {} removed from the cluster", node);
    }

    /** How many chunks (and bytes) no other live node holds a counting copy of. Pages through the node's copies. */
    SoleCopies soleCopies(NodeId node) {
        Map<NodeId, NodeStatus> byId = nodes.all().stream().collect(Collectors.toMap(NodeStatus::id,
                Function.identity()));
        long chunks = 0;
        long bytes = 0;
        ChunkId after = null;
        while (true) {
            List<MetaReader.NodeCopy> page = reader.copiesOn(node, after, PAGE);
            if (page.isEmpty()) {
                return new SoleCopies(chunks, bytes);
            }
            for (ChunkRecord record : reader.chunks(page.stream().map(MetaReader.NodeCopy::chunk).toList()).values()) {
                boolean elsewhere = false;
                for (Copy copy : record.copies()) {
                    NodeStatus holder = byId.get(copy.node());
                    elsewhere |= !copy.node().equals(node) && holder != null && holder.healthy() && holder.holds(copy);
                }
                if (!elsewhere && record.refCount() > 0) {
                    chunks++;
                    bytes += record.size();
                }
            }
            after = page.getLast().chunk();
        }
    }

    /** Chunks, and their bytes, whose only copy that counts is on one node. */
    record SoleCopies(long chunks, long bytes) {
    }

    private NodeView view(NodeId node) {
        return views().stream().filter(v -> v.node_id().equals(node.value())).findFirst()
                .orElseThrow(() -> CairnException.notFound("no storage node '" + node + "' in the cluster"));
    }
}
