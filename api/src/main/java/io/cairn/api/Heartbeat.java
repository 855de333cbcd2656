package io.cairn.api;

import io.cairn.core.NodeId;
import java.util.Objects;

/**
 * Soft state a node sends every heartbeat interval; never logged, rebuilt after a controller restart.
 *
 * @param volume       names the file system the node's chunks live on ({@code host:device}), so that nodes sharing one
 *                     disk have its capacity counted once; null if unknown
 * @param reserveBytes free space the node keeps and refuses to write into: placement counts only what lies above it
 * @param storeId      the identity of the node's chunk store, as in {@link RegisterRequest}
 */
public record Heartbeat(NodeId nodeId, String clusterId, long capacityBytes, long usedBytes, long freeBytes,
                        long chunkCount, int inflight, String volume, long reserveBytes, String storeId) {
    public Heartbeat {
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
