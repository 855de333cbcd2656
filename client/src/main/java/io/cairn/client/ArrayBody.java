package io.cairn.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body sent straight from a byte array, in read-only slices of it. The JDK's
 * {@code BodyPublishers.ofByteArray} copies the whole array into fresh buffers each time a request is sent, so a chunk
 * written to R nodes existed R + 1 times in the heap until every write ended; this one adds nothing. The caller must
 * not change the array until the request has ended (an upload hands a chunk buffer back only then), and then
 * {@link #release}s it: the HTTP client keeps a connection's last request, with its body publisher, reachable while the
 * connection idles in its pool, and so kept one chunk buffer alive per idle connection to a node, beyond any budget
 * (measured: 47 chunk buffers of 4 MiB in a 256 MiB heap, issue 11). Each subscription sends the array from its
 * start, as a resent request must.
 */
final class ArrayBody implements HttpRequest.BodyPublisher {
    private static final int SLICE = 16 * 1024;

    private volatile byte[] data;
    private final int offset;
    private final int length;

    ArrayBody(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length + " bytes");
        }
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    /** Lets go of the array: the request has ended. A subscription still sending, or a later one, fails. */
    void release() {
        data = null;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Slices(subscriber));
    }

    /** One pass over the array; onNext may call request again, so emission is serialized by a work counter. */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;
        private int position;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!cancelled && !done && position < length && demand.get() > 0) {
                    byte[] bytes = data;
                    if (bytes == null) {
                        done = true;
                        subscriber.onError(new IOException("the request body was released before it was sent"));
                        break;
                    }
                    int n = Math.min(SLICE, length - position);
                    ByteBuffer slice = ByteBuffer.wrap(bytes, offset + position, n).slice().asReadOnlyBuffer();
                    position += n;
                    demand.decrementAndGet();
                    subscriber.onNext(slice);
                }
                if (!cancelled && !done && position >= length) {
                    done = true;
                    subscriber.onComplete();
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
