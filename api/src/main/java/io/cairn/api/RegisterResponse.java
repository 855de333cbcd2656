package io.cairn.api;

/** The cluster the node now belongs to; the node stores it beside its chunks. */
public record RegisterResponse(String clusterId) {
}
