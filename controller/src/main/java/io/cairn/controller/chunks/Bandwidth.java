package io.cairn.controller.chunks;

/**
 * A token bucket over bytes per second, one second deep, for the copies the keeper orders. 0 means no limit.
 * Thread-safe: copy jobs running at once share it.
 */
final class Bandwidth {
    private final long bytesPerSecond;
    private double tokens; // guarded by this
    private long refilledAt = System.nanoTime(); // guarded by this

    Bandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
    }

    /** Waits until {@code bytes} may be sent. A request larger than a second's worth waits for its share. */
    void acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(bytesPerSecond, tokens + (now - refilledAt) * bytesPerSecond / 1e9);
            refilledAt = now;
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
