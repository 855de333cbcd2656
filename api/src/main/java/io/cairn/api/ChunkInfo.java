package io.cairn.api;

/**
 * A chunk as a storage node's inventory lists it: its size, the generation of the file holding it, and how old that
 * file is by the node's clock when the page was served (what decides whether an unlisted copy is an abandoned one).
 */
public record ChunkInfo(String id, long size, long generation, long age_ms) {
}
