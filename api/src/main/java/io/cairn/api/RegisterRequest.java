package io.cairn.api;

import io.cairn.core.NodeId;

/**
 * A storage node announces itself. {@code clusterId} is null on a node's first start; afterwards it is the id stored in
 * the node's data directory, and a controller of another cluster refuses it (WRONG_CLUSTER). {@code storeId} names
 * the node's chunk store: a known node coming back with another one has lost its old copies.
 */
public record RegisterRequest(NodeId nodeId, String url, String clusterId, long capacityBytes, String zone,
                              String storeId) {
}
