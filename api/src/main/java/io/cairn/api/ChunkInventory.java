package io.cairn.api;

import java.util.List;

/** One page of a node's chunk inventory in id order; {@code next} is the {@code after} for the next page. */
public record ChunkInventory(String node_id, List<ChunkInfo> chunks, String next) {
    public ChunkInventory {
        chunks = List.copyOf(chunks);
    }
}
