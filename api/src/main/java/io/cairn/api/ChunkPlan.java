package io.cairn.api;

import io.cairn.core.ChunkId;
import java.util.List;

/**
 * Where one chunk goes. {@code copiesNeeded} is how many new copies the chunk needs to reach the replication factor
 * (0: it already has enough healthy replicas, dedup, and need not be sent); {@code targets} are distinct healthy
 * nodes not holding it yet, at most {@code copiesNeeded} of them and possibly fewer when the writer excluded nodes:
 * then the writer must not commit the chunk with fewer copies than required. {@code copiesRequired} (at most
 * {@code copiesNeeded}) is how many of the new copies must be durable before the write is acknowledged, by the write's
 * consistency; the others are written meanwhile and recorded when they land.
 */
public record ChunkPlan(ChunkId id, int copiesNeeded, List<NodeAddress> targets, int copiesRequired) {
    public ChunkPlan {
        targets = List.copyOf(targets);
    }

    public boolean deduplicated() {
        return copiesNeeded == 0;
    }
}
