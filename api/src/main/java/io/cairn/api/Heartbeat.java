package io.cairn.api;

import io.cairn.core.NodeId;

/**
 * Soft state a node sends every heartbeat interval; never logged, rebuilt after a controller restart.
 *
 * @param volume       names the file system the node's chunks live on ({@code host:device}), so that nodes sharing
 *                     one disk have its capacity counted once; null if unknown
 * @param reserveBytes free space the node keeps back and takes no chunk into
 * @param storeId      the identity of the node's chunk store; a heartbeat from another store than the one the node
 *                     registered with is refused (the node registers again, as a new incarnation)
 */
public record Heartbeat(NodeId nodeId, String clusterId, long capacityBytes, long usedBytes, long freeBytes,
                        long chunkCount, int inflight, String volume, long reserveBytes, String storeId) {
}
