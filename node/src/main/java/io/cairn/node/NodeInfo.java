package io.cairn.node;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of a node's {@code GET /info}; {@code cluster_id} is null (and shown) until the node has registered. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NodeInfo(String node_id, String cluster_id, String url, long chunks, long used_bytes,
                       long capacity_bytes, long free_bytes) {
}
