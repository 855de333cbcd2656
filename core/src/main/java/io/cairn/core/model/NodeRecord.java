package io.cairn.core.model;

import io.cairn.core.NodeId;

/** A storage node's registration: the replicated part of the node registry. Liveness is soft state, not here. */
public record NodeRecord(NodeId id, String url, long registeredAt, String zone) {
}
