/**
 * Content-addressed chunk files on one local disk.
 *
 * <p>{@link io.cairn.chunk.ChunkStore} is the seam the storage node serves from; {@link io.cairn.chunk.FileChunkStore}
 * is its one implementation: a chunk is a file named by the SHA-256 hex of its bytes in one of 256 fan-out
 * directories ({@code chunks/ab/abcd…}). A write is verified against its id, stamped with a new generation, fsynced,
 * renamed into place and its directory fsynced before it returns, so a returned {@code put} survives a power loss and
 * a reader never sees a partial chunk. Removals (delete, quarantine) are conditional on the generation they were
 * decided about. {@link io.cairn.chunk.DurableFiles} holds the fsync steps other small durable files (such as a
 * node's identity) reuse.
 */
package io.cairn.chunk;
