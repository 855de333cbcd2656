package io.cairn.client;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Chunk buffers of one transfer, handed back when a chunk is done so the next chunk reuses them. A fresh 4 MiB array
 * per chunk costs the JVM a zeroed humongous allocation and the kernel page faults: measured at an eighth of all CPU
 * time of a large upload before this pool. Holds at most what the transfer has in flight. Thread-safe: buffers are
 * taken by the transfer's thread and given back by the tasks that finish with them.
 */
final class BufferPool {
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    /** A buffer of at least {@code minimum} bytes, pooled if one is big enough. */
    byte[] take(int minimum) {
        byte[] buffer = free.poll();
        if (buffer != null && buffer.length >= minimum) {
            return buffer;
        }
        return new byte[minimum];
    }

    void give(byte[] buffer) {
        free.offer(buffer);
    }
}
