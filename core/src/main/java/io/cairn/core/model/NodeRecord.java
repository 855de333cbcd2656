package io.cairn.core.model;

import io.cairn.core.NodeId;

/**
 * A storage node's registration: the replicated part of the node registry. Liveness is soft state, not here.
 *
 * @param storeId     the identity of the chunk store the node last registered with (null before stores had one)
 * @param incarnation counts the stores the node id has had: it moves on when the node registers with another store
 *                    (a new disk under the old id) or after it was removed, and copies recorded under an older one
 *                    count nowhere
 * @param state       null in records written before states existed, read as {@link NodeState#ACTIVE}
 */
public record NodeRecord(NodeId id, String url, long registeredAt, String zone, String storeId, long incarnation,
                         NodeState state) {
    public NodeRecord {
        state = state == null ? NodeState.ACTIVE : state;
    }

    /** A node registering for the first time. */
    public static NodeRecord fresh(NodeId id, String url, long registeredAt, String zone, String storeId) {
        return new NodeRecord(id, url, registeredAt, zone, storeId, 0, NodeState.ACTIVE);
    }

    public NodeRecord withState(NodeState newState) {
        return new NodeRecord(id, url, registeredAt, zone, storeId, incarnation, newState);
    }

    /** Whether {@code copy} is on this node's current store (and the node is still a member). */
    public boolean holds(Copy copy) {
        return copy.node().equals(id) && copy.incarnation() == incarnation && state != NodeState.REMOVED;
    }
}
