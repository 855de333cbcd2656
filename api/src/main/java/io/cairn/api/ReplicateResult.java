package io.cairn.api;

import io.cairn.core.NodeId;
import java.util.List;

/**
 * What {@code POST /chunks/{id}/replicate} achieved: the copies made, with the generation each target answered, and
 * the targets that failed, with why (as {@code CODE: message}).
 */
public record ReplicateResult(List<Copy> copies, List<Failure> failures) {
    public ReplicateResult {
        copies = List.copyOf(copies);
        failures = List.copyOf(failures);
    }

    public record Copy(NodeId node_id, long generation) {
    }

    public record Failure(NodeId node_id, String error) {
    }
}
