package io.cairn.chunk;

/**
 * What re-hashing a stored chunk found, and the generation of the file it read (0 when
 * {@link ChunkVerification#MISSING}), so that acting on a corrupt file ({@link ChunkStore#quarantine}) cannot touch a
 * fresh copy written meanwhile.
 */
public record ChunkCheck(ChunkVerification result, long generation) {
}
