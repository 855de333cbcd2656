/**
 * Content-addressed chunks on one local disk.
 *
 * <p>{@link io.cairn.chunk.ChunkStore} is the seam the storage node serves from; {@link io.cairn.chunk.RoutedChunkStore}
 * is what it opens: small chunks in {@link io.cairn.chunk.VolumeChunkStore}'s volume files (records appended, one
 * fdatasync per batch of concurrent writers, an in-memory index rebuilt at open, compaction), larger ones in
 * {@link io.cairn.chunk.FileChunkStore}, a file each named by the SHA-256 hex of its bytes in one of 256 fan-out
 * directories ({@code chunks/ab/abcd…}). Either way a write is checked, stamped with a new generation and durable
 * before it returns, so a returned {@code put} survives a power loss and a reader never sees a partial chunk; removals
 * (delete, quarantine) are conditional on the generation they were decided about. {@link io.cairn.chunk.DurableFiles}
 * holds the fsync steps other small durable files (such as a node's identity) reuse.
 */
package io.cairn.chunk;
