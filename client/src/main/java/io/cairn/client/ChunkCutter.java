package io.cairn.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into chunks of a fixed size, the last one shorter. Buffers are sized to what the stream can still
 * hold: a 4 KiB upload must not allocate a 4 MiB chunk buffer, which at a thousand small uploads a second would be
 * gigabytes of garbage per second. When the remaining length is unknown a buffer starts small and doubles.
 * Not thread-safe: one reader.
 */
final class ChunkCutter {
    private static final int FIRST_GUESS = 64 * 1024;

    private final InputStream in;
    private final int chunkSize;
    private long bound;

    /** @param bound most bytes the stream can hold (e.g. its Content-Length), or -1 if unknown */
    ChunkCutter(InputStream in, int chunkSize, long bound) {
        this.in = in;
        this.chunkSize = chunkSize;
        this.bound = bound;
    }

    /** The next chunk's bytes (exactly its length), or null at the end of the stream. */
    byte[] next() throws IOException {
        int capacity = (int) Math.min(chunkSize, bound >= 0 ? Math.max(1, bound) : FIRST_GUESS);
        byte[] buffer = new byte[capacity];
        int filled = in.readNBytes(buffer, 0, capacity);
        // A full buffer smaller than a chunk: the stream may hold more than the guess (or than declared).
        while (filled == buffer.length && buffer.length < chunkSize) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(chunkSize, 2L * buffer.length));
            buffer[filled++] = (byte) next;
            filled += in.readNBytes(buffer, filled, buffer.length - filled);
        }
        bound = bound < 0 ? -1 : Math.max(0, bound - filled);
        if (filled == 0) {
            return null;
        }
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }
}
