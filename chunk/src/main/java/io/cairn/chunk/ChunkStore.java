package io.cairn.chunk;

import io.cairn.core.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Durable, content-addressed storage of chunks on one node. Implementations are thread-safe: many request threads
 * (virtual threads) put, read and delete concurrently, including the same id.
 *
 * <p>Every stored copy (a chunk file, a volume record) has a <em>generation</em>: a stamp the store gives it when it is
 * written, larger than any it gave before; moving a copy (compaction) keeps it. Deletes name the generation they were decided about, so a copy written after the decision is never
 * removed by it, whatever the order in which the two arrive.
 *
 * <p>Domain failures are {@link io.cairn.core.CairnException}s whose code is what the chunk API answers
 * (CHECKSUM_MISMATCH, BAD_REQUEST, NOT_FOUND, RANGE_NOT_SATISFIABLE, INSUFFICIENT_STORAGE); disk failures are
 * {@link IOException}s.
 */
public interface ChunkStore extends AutoCloseable {

    /**
     * This store's identity: a random id created with its chunk directory. A node whose disk was replaced or wiped
     * presents a new one, so copies recorded on the old store are known to be gone.
     */
    String storeId();

    /**
     * Stores exactly {@code length} bytes read from {@code data} under {@code id}, streaming them (memory use does not
     * grow with the chunk). Returns only once the chunk is durable, with the generation of the file now holding it. A
     * chunk already present is written again, which also heals a corrupt copy; the new bytes are verified like any
     * others and get a new generation.
     *
     * @param check how the bytes are checked on receipt: against the id itself, or against a checksum a writer that
     *              hashed them to the id sent with them
     * @throws io.cairn.core.CairnException CHECKSUM_MISMATCH when the bytes fail {@code check}; BAD_REQUEST
     *         when the stream holds fewer or more than {@code length} bytes; INSUFFICIENT_STORAGE (before reading)
     *         when storing them would eat into the {@linkplain #reserveBytes() reserve}. In every failure nothing is
     *         stored and a copy already present is left as it was.
     */
    StoredChunk put(ChunkId id, InputStream data, long length, PayloadCheck check) throws IOException;

    /** {@link #put(ChunkId, InputStream, long, PayloadCheck)}, hashing the bytes against the id. */
    default StoredChunk put(ChunkId id, InputStream data, long length) throws IOException {
        return put(id, data, length, PayloadCheck.CONTENT_HASH);
    }

    /**
     * Opens {@code length} bytes of the chunk from {@code offset}. The stream reads the file the id named when this
     * was called, even if the chunk is deleted or rewritten meanwhile. The caller closes it.
     *
     * @throws io.cairn.core.CairnException NOT_FOUND when absent; RANGE_NOT_SATISFIABLE when the range lies outside
     */
    InputStream open(ChunkId id, long offset, long length) throws IOException;

    /** The chunk's size and generation, or empty when the store does not have it. */
    Optional<StoredChunk> stat(ChunkId id) throws IOException;

    /**
     * Removes the chunk durably if its file has {@code generation}; checked under the same lock as a put's rename, so
     * a newer copy is never removed.
     */
    DeleteOutcome delete(ChunkId id, long generation) throws IOException;

    /**
     * Like {@link #delete}, but moves the file aside for an operator to inspect instead of deleting it: afterwards the
     * store neither lists, counts nor serves it.
     */
    DeleteOutcome quarantine(ChunkId id, long generation) throws IOException;

    /** Up to {@code limit} chunks with ids greater than {@code after} (null: from the start), in id order. */
    List<StoredChunk> list(ChunkId after, int limit) throws IOException;

    /** Re-reads and re-hashes the chunk's bytes; says which generation it read. */
    ChunkCheck verify(ChunkId id) throws IOException;

    /** Sum of the sizes of the chunks held (not the disk blocks they occupy). */
    long usedBytes();

    long chunkCount();

    /** Size of the file system holding the store. @throws java.io.UncheckedIOException if it cannot be read */
    long capacityBytes();

    /** Bytes still available to this process on that file system. @throws java.io.UncheckedIOException likewise */
    long freeBytes();

    /**
     * Free space a put never eats into, so the disk never fills up (a full disk fails every write on it, including
     * the node's own files). @throws java.io.UncheckedIOException likewise
     */
    long reserveBytes();

    /** Releases the store's directory; it must not be used afterwards. */
    @Override
    void close() throws IOException;
}
