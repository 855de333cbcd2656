package io.cairn.node;

import io.cairn.chunk.ChunkStore;
import io.cairn.chunk.PayloadCheck;
import io.cairn.chunk.StoredChunk;
import io.cairn.client.ColocatedNodes;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ChunkLimits;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A node's copies for a gateway in the same process: what {@code GET /chunks/{id}} with the reader-verifies header
 * and {@code PUT /chunks/{id}} with a CRC32C do, on the caller's buffer instead of a request body. A write goes through
 * {@link #store}, the very code the PUT route runs (size limit, store, fsync before it returns, reserve and capacity,
 * metrics); a read is stat and open as the GET route does them, counted the same way.
 */
final class LocalChunkAccess implements ColocatedNodes.LocalChunks {
    /**
     * The most read from the store in one call. The JDK reads a file into the heap through a temporary direct buffer
     * as large as the read, and keeps it per carrier thread: slices keep that native memory at what the node's own
     * HTTP reads take, rather than a whole chunk's size per carrier.
     */
    static final int READ_SLICE = 256 * 1024;

    private final ChunkStore store;
    private final NodeMetrics metrics;

    LocalChunkAccess(ChunkStore store, NodeMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public int read(ChunkId id, byte[] into) {
        metrics.requestStarted();
        int read = 0;
        try {
            StoredChunk chunk = stat(id);
            if (chunk.size() > into.length) {
                return -1;
            }
            int size = (int) chunk.size();
            try (InputStream in = store.open(id, 0, size)) {
                // A file shorter than its size says reads short: the reader's hash check refuses the copy.
                while (read < size) {
                    int n = in.read(into, read, Math.min(READ_SLICE, size - read));
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                return read;
            }
        } catch (IOException | RuntimeException e) {
            throw passOn(e, "reading chunk " + id.hex());
        } finally {
            metrics.chunkRead(read);
            metrics.requestFinished();
        }
    }

    @Override
    public long write(ChunkId id, byte[] data, int length, Crc32c crc) {
        try {
            // The CRC32C still checked: what the gateway hashed is what the store gets, as over HTTP.
            return store(id, new ByteArrayInputStream(data, 0, length), length, new PayloadCheck.SentCrc32c(crc))
                    .generation();
        } catch (IOException | RuntimeException e) {
            throw passOn(e, "storing chunk " + id.hex());
        }
    }

    /**
     * Stores {@code length} bytes from {@code data} as chunk {@code id}, durably, as {@code PUT /chunks/{id}} does
     * (which calls this): refused above the chunk size limit, checked by {@code check}, counted.
     *
     * @throws CairnException PAYLOAD_TOO_LARGE, CHECKSUM_MISMATCH (counted), INSUFFICIENT_STORAGE, or the store's own
     */
    StoredChunk store(ChunkId id, InputStream data, long length, PayloadCheck check) throws IOException {
        if (length > ChunkLimits.MAX_CHUNK_SIZE) {
            throw new CairnException(ErrorCode.PAYLOAD_TOO_LARGE, "a chunk may have at most "
                    + ChunkLimits.MAX_CHUNK_SIZE + " bytes, this one has " + length);
        }
        metrics.requestStarted();
        try {
            StoredChunk stored = store.put(id, data, length, check);
            metrics.chunkWritten(stored.size());
            return stored;
        } catch (CairnException e) {
            if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
                metrics.checksumRejected();
            }
            throw e;
        } finally {
            metrics.requestFinished();
        }
    }

    /** The node's copy of {@code id}, as the GET and HEAD routes and a local read find it. */
    StoredChunk stat(ChunkId id) throws IOException {
        return store.stat(id).orElseThrow(() -> CairnException.notFound("this node has no chunk " + id.hex()));
    }

    /**
     * What the caller is told: the store's own refusals (a missing copy, bad bytes, a full disk, too large) as they
     * are, as the HTTP API would answer them; anything else (a store closing under the call as its node stops, a
     * failing disk) as UNAVAILABLE, on which the caller turns to another node.
     */
    private static CairnException passOn(Exception e, String doing) {
        if (e instanceof CairnException cairn && switch (cairn.code()) {
            case NOT_FOUND, CHECKSUM_MISMATCH, INSUFFICIENT_STORAGE, PAYLOAD_TOO_LARGE -> true;
            default -> false;
        }) {
            return cairn;
        }
        return new CairnException(ErrorCode.UNAVAILABLE, doing + " failed: " + e, e);
    }
}
