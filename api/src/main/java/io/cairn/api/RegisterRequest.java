package io.cairn.api;

import io.cairn.core.NodeId;
import java.util.Objects;

/**
 * A storage node announces itself. {@code clusterId} is null on a node's first start; afterwards it is the id stored in
 * the node's data directory, and a controller of another cluster refuses it (WRONG_CLUSTER).
 *
 * @param storeId the identity of the node's chunk store: another one under a known node id means the node came back
 *                on another (or a wiped) disk, and the copies recorded on the old one are gone
 */
public record RegisterRequest(NodeId nodeId, String url, String clusterId, long capacityBytes, String zone,
                              String storeId) {
    public RegisterRequest {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(url, "url");
    }
}
