package io.cairn.api;

/** A chunk as a storage node's inventory lists it. */
public record ChunkInfo(String id, long size) {
}
