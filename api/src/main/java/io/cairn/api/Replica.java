package io.cairn.api;

import io.cairn.core.NodeId;

/**
 * A node holding a chunk, as the gateway should try it: healthy ones first, then by load.
 *
 * @param healthy whether the controller heard from the node within the node timeout (orders reads, shown to users)
 * @param down    whether the node has been silent for the node timeout while the controller watched it: a read from
 *                it will not work. Neither healthy nor down is a node a controller that started less than the node
 *                timeout ago has not heard from yet: unknown, so still worth a try. A controller that predates this
 *                field sends none, which reads as false.
 */
public record Replica(NodeId node, String url, boolean healthy, int load, boolean down) {
}
