package io.cairn.gateway;

import java.time.Duration;

/**
 * @param defaultChunkSize     chunk size when an upload does not ask for one
 * @param maxFileSize          uploads above this are refused with 413 (before any byte is stored if the length is known)
 * @param maxConcurrentUploads uploads streaming at once, however small; more wait up to {@code uploadQueueTimeout},
 *                             then get 503
 * @param maxBufferMemory      bytes the buffers of all transfers may hold at once (MAX_BUFFER_MEMORY); a transfer that
 *                             does not fit waits up to {@code uploadQueueTimeout}, then gets 503 with a Retry-After
 * @param uploadQueueTimeout   how long a transfer waits for its memory (and an upload for its slot)
 */
public record GatewaySettings(int defaultChunkSize, long maxFileSize, int maxConcurrentUploads, long maxBufferMemory,
                              Duration uploadQueueTimeout) {
    /** Share of the JVM's heap the transfer buffers may hold by default; the rest is the process's other work. */
    public static final double DEFAULT_BUFFER_SHARE = 0.4;

    /** MAX_BUFFER_MEMORY's default: {@link #DEFAULT_BUFFER_SHARE} of the heap this JVM may grow to. */
    public static long defaultMaxBufferMemory() {
        long heap = Runtime.getRuntime().maxMemory();
        // A JVM without a heap limit says Long.MAX_VALUE; take its default share of 4 GiB rather than of that.
        return (long) (DEFAULT_BUFFER_SHARE * (heap == Long.MAX_VALUE ? 4L << 30 : heap));
    }
}
