package io.cairn.api;

import io.cairn.core.NodeId;

/** A node holding a chunk, as the gateway should try it: healthy ones first, then by load. */
public record Replica(NodeId node, String url, boolean healthy, int load) {
}
