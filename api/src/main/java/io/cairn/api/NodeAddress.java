package io.cairn.api;

import io.cairn.core.NodeId;

/** Where to reach a storage node's chunk API, e.g. {@code http://10.0.0.5:9001}. */
public record NodeAddress(NodeId id, String url) {
}
