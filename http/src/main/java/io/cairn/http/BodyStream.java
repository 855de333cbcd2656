package io.cairn.http;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.limits.BodyPace;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;

/**
 * A request body as a blocking stream whose every wait for the client is bounded by the port's limits
 * ({@link BodyPace}): Jetty's own stream waits as long as the connection's idle timeout (120 s), whatever the client
 * sends. A wait that runs out fails the read with REQUEST_TIMEOUT (HTTP 408), and every later read the same way. Not
 * thread-safe: owned by the request's thread.
 */
final class BodyStream extends InputStream {
    private final Content.Source source;
    private final BodyPace pace;
    private final BooleanSupplier rateApplies;
    private final Semaphore arrived = new Semaphore(0);
    private Content.Chunk chunk;
    private CairnException timedOut;
    private boolean closed;

    /**
     * @param first       a chunk already read from {@code source} (the one whose arrival started the request), or null
     * @param rateApplies whether the minimum rate applies to the caller now (not to a process of the cluster)
     */
    BodyStream(Content.Source source, Content.Chunk first, BodyPace pace, BooleanSupplier rateApplies) {
        this.source = source;
        this.chunk = first;
        this.pace = pace;
        this.rateApplies = rateApplies;
    }

    /** The failure a wait that ran out raised, or null. */
    CairnException timedOut() {
        return timedOut;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the request body was closed");
        }
        if (timedOut != null) {
            throw timedOut;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (chunk == null) {
                chunk = source.read();
                if (chunk == null) {
                    await();
                    continue;
                }
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                if (!chunk.isLast()) {
                    // A transient failure (Jetty's idle timeout): not kept, but not retried either.
                    chunk = null;
                }
                throw failure instanceof IOException io ? io : new IOException(failure);
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            if (buffer.hasRemaining()) {
                int n = Math.min(len, buffer.remaining());
                buffer.get(b, off, n);
                pace.progress(n);
                if (!buffer.hasRemaining()) {
                    next();
                }
                return n;
            }
            if (chunk.isLast()) {
                next();
                return -1;
            }
            next();
        }
    }

    /** Gives the current chunk back; after the last one, the end of the body stays. */
    private void next() {
        boolean last = chunk.isLast();
        chunk.release();
        chunk = last ? Content.Chunk.EOF : null;
    }

    /** Waits for more of the body, as long as the limits allow. */
    private void await() throws IOException {
        boolean rate = rateApplies.getAsBoolean();
        long start = System.nanoTime();
        long allowed = pace.allowedWaitNanos(rate, start);
        if (allowed > 0) {
            source.demand(arrived::release);
            boolean woke;
            try {
                woke = arrived.tryAcquire(allowed, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request body");
            }
            pace.waited(start, System.nanoTime());
            if (woke) {
                return;
            }
        }
        // The demand may still be pending: nothing is read from this body again.
        timedOut = new CairnException(ErrorCode.REQUEST_TIMEOUT, pace.refusal(rate, System.nanoTime()));
        throw timedOut;
    }

    @Override
    public int available() {
        return chunk == null || Content.Chunk.isFailure(chunk) ? 0 : chunk.remaining();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
        }
    }
}
