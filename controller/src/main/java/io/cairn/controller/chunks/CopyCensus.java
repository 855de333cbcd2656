package io.cairn.controller.chunks;

import io.cairn.controller.NodeStatus;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a chunk's copies are worth right now, from its record and the nodes' state: the one place that decides which
 * copies count towards a chunk's replication. Pure.
 *
 * <ul>
 *   <li><b>live</b>: on a healthy, active node's current store;</li>
 *   <li><b>draining</b>: on a healthy draining node: readable, but to be replaced;</li>
 *   <li><b>down</b>: on a node unhealthy for less than the repair delay: still counted, as it may come back;</li>
 *   <li><b>dead</b>: on a node unhealthy for longer: not counted (kept in the record in case it comes back);</li>
 *   <li><b>stale</b>: on a store the node no longer has, or on a removed node: counts nowhere, to be forgotten.</li>
 * </ul>
 */
record CopyCensus(ChunkRecord chunk, List<NodeStatus> live, List<NodeStatus> draining, List<NodeStatus> down,
                  List<NodeStatus> dead, List<Copy> stale) {

    /**
     * @param members     every member node by id (removed nodes absent)
     * @param deadBefore  a node last seen before this instant (controller clock) is dead; one never seen since this
     *                    controller started counts as seen at {@code knownSince}
     */
    static CopyCensus of(ChunkRecord chunk, Map<NodeId, NodeStatus> members, long deadBefore, long knownSince) {
        List<NodeStatus> live = new ArrayList<>();
        List<NodeStatus> draining = new ArrayList<>();
        List<NodeStatus> down = new ArrayList<>();
        List<NodeStatus> dead = new ArrayList<>();
        List<Copy> stale = new ArrayList<>();
        for (Copy copy : chunk.copies()) {
            NodeStatus node = members.get(copy.node());
            if (node == null || !node.holds(copy)) {
                stale.add(copy);
            } else if (node.healthy()) {
                (node.state() == NodeState.DRAINING ? draining : live).add(node);
            } else if (Math.max(node.lastSeenMillis(), knownSince) >= deadBefore) {
                down.add(node);
            } else {
                dead.add(node);
            }
        }
        return new CopyCensus(chunk, live, draining, down, dead, stale);
    }

    /** Copies that count towards the replication: live ones and those on nodes not yet given up. */
    int counting() {
        return live.size() + down.size();
    }

    /** New copies the chunk needs; 0 for a chunk nothing references (garbage collection decides about it). */
    int missing() {
        return chunk.refCount() == 0 ? 0 : Math.max(0, chunk.replication() - counting());
    }

    /** Copies beyond the replication that can go: only when every counting copy is live, so none is in doubt. */
    int extra() {
        return down.isEmpty() && dead.isEmpty() && chunk.refCount() > 0
                ? Math.max(0, live.size() - chunk.replication()) : 0;
    }

    /** Healthy nodes to copy from: live first, then draining ones. */
    List<NodeStatus> sources() {
        List<NodeStatus> sources = new ArrayList<>(live);
        sources.addAll(draining);
        return sources;
    }
}
