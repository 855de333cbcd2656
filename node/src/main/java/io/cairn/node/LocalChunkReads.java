package io.cairn.node;

import io.cairn.chunk.ChunkStore;
import io.cairn.chunk.StoredChunk;
import io.cairn.client.ColocatedNodes;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;

/**
 * A node's copies for a gateway in the same process: what {@code GET /chunks/{id}} with the reader-verifies header
 * sends, read straight into the reader's buffer, and counted in the node's metrics as that request would be.
 */
final class LocalChunkReads implements ColocatedNodes.LocalChunks {
    private final ChunkStore store;
    private final NodeMetrics metrics;

    LocalChunkReads(ChunkStore store, NodeMetrics metrics) {
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
            try (InputStream in = store.open(id, 0, chunk.size())) {
                // A file shorter than its size says reads short: the reader's hash check refuses the copy.
                read = in.readNBytes(into, 0, (int) chunk.size());
                return read;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CairnException cairn && cairn.code() == ErrorCode.NOT_FOUND) {
                throw cairn;
            }
            // A store closing under the read (its node stopping) or a failing disk: the reader tries another copy.
            throw new CairnException(ErrorCode.UNAVAILABLE, "reading chunk " + id.hex() + " failed: " + e, e);
        } finally {
            metrics.chunkRead(read);
            metrics.requestFinished();
        }
    }
}
