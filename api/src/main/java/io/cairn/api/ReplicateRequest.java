package io.cairn.api;

import io.cairn.core.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /chunks/{id}/replicate}: the node sends its copy of the chunk ({@code size} bytes, checked
 * against its file) to each target, which verifies it as it does any put.
 */
public record ReplicateRequest(long size, List<Target> targets) {
    public ReplicateRequest {
        Objects.requireNonNull(targets, "targets");
        targets = List.copyOf(targets);
    }

    /** A node to copy to and its chunk API's URL. */
    public record Target(NodeId node_id, String url) {
    }
}
