package io.cairn.api;

/** The body of a node's answer to {@code DELETE /chunks/{id}?generation=G}. */
public record ChunkDeleteResult(CopyDeletion outcome) {
}
