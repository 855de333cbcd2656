package io.cairn.node;

import java.util.function.LongSupplier;

/**
 * Paces work to an average byte rate: asked before each piece of work, it says how long to wait first, so that no
 * piece starts before the time the pieces before it are due at that rate has passed. Time left unused (work slower
 * than the rate, pauses) is not saved up for a burst later. Confined to one thread.
 */
final class Throttle {
    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private long next;
    private boolean started;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    Throttle(long bytesPerSecond, LongSupplier nanoTime) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive, got " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
    }

    /** Nanoseconds to wait before working on {@code bytes} more bytes; the caller is expected to wait that long. */
    long delayBefore(long bytes) {
        long now = nanoTime.getAsLong();
        // Differences, not comparisons: nanoTime values may wrap.
        long start = started && next - now > 0 ? next : now;
        started = true;
        next = start + (long) (bytes * 1e9 / bytesPerSecond);
        return start - now;
    }
}
