package io.cairn.api;

import io.cairn.core.ChunkId;
import java.util.List;

/**
 * Where one chunk goes. {@code targets} empty means the chunk already has enough healthy replicas (dedup) and need not
 * be sent; otherwise the gateway writes it to every target, which are distinct healthy nodes not holding it yet.
 */
public record ChunkPlan(ChunkId id, List<NodeAddress> targets) {
    public ChunkPlan {
        targets = List.copyOf(targets);
    }

    public boolean deduplicated() {
        return targets.isEmpty();
    }
}
