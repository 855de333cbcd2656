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
 * and {@code PUT /chunks/{id}} with a CRC32C do, on the caller's buffer instead of a request body, through the same
 * store (so the same fsync before a write returns, the same reserve and capacity checks) and counted in the node's
 * metrics as those requests would be.
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
            StoredChunk chunk = store.stat(id)
                    .orElseThrow(() -> CairnException.notFound("this node has no chunk " + id.hex()));
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
            throw passOn(e, ErrorCode.NOT_FOUND, "reading chunk " + id.hex());
        } finally {
            metrics.chunkRead(read);
            metrics.requestFinished();
        }
    }

    @Override
    public long write(ChunkId id, byte[] data, int length, Crc32c crc) {
        if (length > ChunkLimits.MAX_CHUNK_SIZE) {
            throw new CairnException(ErrorCode.PAYLOAD_TOO_LARGE, "a chunk may have at most "
                    + ChunkLimits.MAX_CHUNK_SIZE + " bytes, this one has " + length);
        }
        metrics.requestStarted();
        try {
            // The CRC32C still checked: what the gateway hashed is what the store gets, as over HTTP.
            StoredChunk stored = store.put(id, new ByteArrayInputStream(data, 0, length), length,
                    new PayloadCheck.SentCrc32c(crc));
            metrics.chunkWritten(stored.size());
            return stored.generation();
        } catch (CairnException e) {
            if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
                metrics.checksumRejected();
            }
            throw passOn(e, null, "storing chunk " + id.hex());
        } catch (IOException | RuntimeException e) {
            throw passOn(e, null, "storing chunk " + id.hex());
        } finally {
            metrics.requestFinished();
        }
    }

    /**
     * What the caller is told: the store's own refusals (a missing copy, bad bytes, a full disk) as they are, as the
     * HTTP API would answer them; anything else (a store closing under the call as its node stops, a failing disk)
     * as UNAVAILABLE, on which the caller turns to another node.
     */
    private static CairnException passOn(Exception e, ErrorCode alsoAsIs, String doing) {
        if (e instanceof CairnException cairn && (cairn.code() == alsoAsIs
                || cairn.code() == ErrorCode.CHECKSUM_MISMATCH || cairn.code() == ErrorCode.INSUFFICIENT_STORAGE
                || cairn.code() == ErrorCode.PAYLOAD_TOO_LARGE)) {
            return cairn;
        }
        return new CairnException(ErrorCode.UNAVAILABLE, doing + " failed: " + e, e);
    }
}
