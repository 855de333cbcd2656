package io.cairn.controller;

import io.cairn.core.NodeId;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeState;
import java.net.URI;

/**
 * A node as placement, readers and the chunk keeper see it at one instant: its replicated registration (address,
 * zone, state, store incarnation) plus what its last heartbeat said.
 *
 * @param lastSeenMillis controller clock time of the last heartbeat or registration; 0 if none since start
 * @param volume         the file system holding its chunks ({@code host:device}; nodes may share one), or null
 * @param reserveBytes   free space the node keeps back: it takes no chunk that would eat into it
 */
public record NodeStatus(NodeId id, String url, String zone, boolean healthy, long capacityBytes, long usedBytes,
                         long freeBytes, long chunkCount, int load, long registeredAt, long lastSeenMillis,
                         String volume, NodeState state, long incarnation, long reserveBytes) {

    public NodeStatus withState(NodeState newState) {
        return new NodeStatus(id, url, zone, healthy, capacityBytes, usedBytes, freeBytes, chunkCount, load,
                registeredAt, lastSeenMillis, volume, newState, incarnation, reserveBytes);
    }

    /** Healthy and active: may take new copies. */
    public boolean writable() {
        return healthy && state == NodeState.ACTIVE;
    }

    /** Bytes a new chunk may still use here. */
    public long room() {
        return freeBytes - reserveBytes;
    }

    /** Whether the copy is on this node's current store. */
    public boolean holds(Copy copy) {
        return copy.node().equals(id) && copy.incarnation() == incarnation && state != NodeState.REMOVED;
    }

    /** The machine: the host part of the volume the node reports, else of its URL. */
    public String host() {
        if (volume != null && volume.indexOf(':') > 0) {
            return volume.substring(0, volume.indexOf(':'));
        }
        try {
            String host = URI.create(url).getHost();
            return host != null ? host : url;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
