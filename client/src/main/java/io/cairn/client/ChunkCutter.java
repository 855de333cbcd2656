package io.cairn.client;

import io.cairn.core.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into chunks of a fixed size, the last one shorter. Buffers come from a {@link BufferPool} and are
 * sized to what the stream can still hold: a 4 KiB upload must not allocate a 4 MiB chunk buffer. When the remaining
 * length is unknown a fresh buffer starts small and doubles. A stream longer than its bound is refused rather than
 * given bigger buffers: what an upload may hold was reserved from the bound ({@link ObjectUploader#memory}). Not
 * thread-safe: one reader.
 */
final class ChunkCutter {
    private static final int FIRST_GUESS = 64 * 1024;

    /** {@code length} bytes of {@code buffer} are the chunk; the buffer goes back to the pool when the chunk is done. */
    record Chunk(byte[] buffer, int length) {
    }

    private final InputStream in;
    private final int chunkSize;
    private final BufferPool pool;
    private final long declared;
    private long bound;

    /** @param bound most bytes the stream can hold (e.g. its Content-Length), or -1 if unknown */
    ChunkCutter(InputStream in, int chunkSize, long bound, BufferPool pool) {
        this.in = in;
        this.chunkSize = chunkSize;
        this.bound = bound;
        this.declared = bound;
        this.pool = pool;
    }

    /** The next chunk, or null at the end of the stream. */
    Chunk next() throws IOException {
        if (bound == 0) {
            // Everything declared was read: the stream must end here.
            if (in.read() >= 0) {
                throw CairnException.badRequest("the body is longer than the " + declared + " bytes it declared");
            }
            return null;
        }
        int wanted = (int) Math.min(chunkSize, bound > 0 ? bound : FIRST_GUESS);
        byte[] buffer = pool.take(wanted);
        // A known bound: never more than it in this chunk, whatever the buffer could hold.
        int capacity = bound > 0 ? wanted : Math.min(buffer.length, chunkSize);
        int filled = in.readNBytes(buffer, 0, capacity);
        // Unknown length and a full buffer smaller than a chunk: the stream may hold more than the guess.
        while (bound < 0 && filled == capacity && capacity < chunkSize) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(chunkSize, 2L * capacity));
            capacity = buffer.length;
            buffer[filled++] = (byte) next;
            filled += in.readNBytes(buffer, filled, capacity - filled);
        }
        if (bound > 0) {
            bound -= filled;
        }
        if (filled == 0) {
            pool.give(buffer);
            return null;
        }
        return new Chunk(buffer, filled);
    }
}
