package io.cairn.controller;

import io.cairn.core.NodeId;

/**
 * A node as placement and readers see it at one instant: its registration plus what its last heartbeat said.
 *
 * @param lastSeenMillis controller clock time of the last heartbeat or registration; 0 if none since start
 * @param volume         the file system holding its chunks (nodes may share one), or null if unknown
 */
public record NodeStatus(NodeId id, String url, String zone, boolean healthy, long capacityBytes, long usedBytes,
                         long freeBytes, long chunkCount, int load, long registeredAt, long lastSeenMillis,
                         String volume) {
}
