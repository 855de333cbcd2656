package io.cairn.api;

import io.cairn.core.NodeId;

/** Soft state a node sends every heartbeat interval; never logged, rebuilt after a controller restart. */
public record Heartbeat(NodeId nodeId, String clusterId, long capacityBytes, long usedBytes, long freeBytes,
                        long chunkCount, int inflight) {
}
