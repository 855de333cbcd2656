package io.cairn.chunk;

import io.cairn.core.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * Durable, content-addressed storage of chunks on one node. Implementations are thread-safe: many request threads
 * (virtual threads) put, read and delete concurrently, including the same id.
 *
 * <p>Domain failures are {@link io.cairn.core.CairnException}s whose code is what the chunk API answers
 * (CHECKSUM_MISMATCH, BAD_REQUEST, NOT_FOUND, RANGE_NOT_SATISFIABLE, UNAVAILABLE); disk failures are
 * {@link IOException}s.
 */
public interface ChunkStore extends AutoCloseable {

    /**
     * Stores exactly {@code length} bytes read from {@code data} under {@code id}, streaming them (memory use does not
     * grow with the chunk). Returns only once the chunk is durable. A chunk already present is written again, which
     * also heals a corrupt copy; the new bytes are verified like any others.
     *
     * @throws io.cairn.core.CairnException CHECKSUM_MISMATCH when the bytes do not hash to {@code id}; BAD_REQUEST
     *         when the stream holds fewer or more than {@code length} bytes. In every failure nothing is stored and a
     *         copy already present is left as it was.
     */
    StoredChunk put(ChunkId id, InputStream data, long length) throws IOException;

    /**
     * Opens {@code length} bytes of the chunk from {@code offset}. The stream reads the file the id named when this
     * was called, even if the chunk is deleted or rewritten meanwhile. The caller closes it.
     *
     * @throws io.cairn.core.CairnException NOT_FOUND when absent; RANGE_NOT_SATISFIABLE when the range lies outside
     */
    InputStream open(ChunkId id, long offset, long length) throws IOException;

    /** The chunk's size, or empty when the store does not have it. */
    OptionalLong size(ChunkId id) throws IOException;

    /** Removes the chunk durably; false when it was not there. */
    boolean delete(ChunkId id) throws IOException;

    /** Up to {@code limit} chunks with ids greater than {@code after} (null: from the start), in id order. */
    List<StoredChunk> list(ChunkId after, int limit) throws IOException;

    /** Re-reads and re-hashes the chunk's bytes. */
    ChunkVerification verify(ChunkId id) throws IOException;

    /** Sum of the sizes of the chunks held (not the disk blocks they occupy). */
    long usedBytes();

    long chunkCount();

    /** Size of the file system holding the store. @throws java.io.UncheckedIOException if it cannot be read */
    long capacityBytes();

    /** Bytes still available to this process on that file system. @throws java.io.UncheckedIOException likewise */
    long freeBytes();

    /** Releases the store's directory; it must not be used afterwards. */
    @Override
    void close() throws IOException;
}
