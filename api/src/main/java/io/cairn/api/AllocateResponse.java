package io.cairn.api;

import java.util.List;

/** One plan per requested chunk, in request order; {@code replication} is the factor the plans satisfy. */
public record AllocateResponse(int replication, List<ChunkPlan> plans) {
    public AllocateResponse {
        plans = List.copyOf(plans);
    }
}
