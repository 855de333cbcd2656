package io.cairn.client;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many uploads a gateway streams at once, whichever API they come through: each holds a few chunk buffers,
 * so this bounds the memory uploads take. An upload waits for a slot up to the queue timeout, then is refused
 * (UNAVAILABLE, retryable). Thread-safe; one per gateway.
 */
public final class UploadSlots {
    private final Semaphore slots;
    private final Duration queueTimeout;

    public UploadSlots(int slots, Duration queueTimeout) {
        this.slots = new Semaphore(slots, true);
        this.queueTimeout = queueTimeout;
    }

    /** Something that uploads; its result is returned once it has released its slot. */
    @FunctionalInterface
    public interface Upload<T> {
        T run() throws IOException;
    }

    public <T> T run(Upload<T> upload) throws IOException {
        try {
            if (!slots.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "too many uploads in progress; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted");
        }
        try {
            return upload.run();
        } finally {
            slots.release();
        }
    }
}
