package io.cairn.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/** Streaming helpers for request and response bodies: byte counting for progress, and copying with clear blame. */
final class Transfers {
    static final int BUFFER = 256 * 1024;

    private Transfers() {
    }

    /**
     * Copies a response body to {@code out}, reporting bytes to {@code progress}. A read failure is the connection's
     * (exit 4), a write failure is the local disk's (exit 1): the user needs to know which one to fix.
     */
    static long copy(InputStream in, OutputStream out, LongConsumer progress, URI server) {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw CliErrors.transport(server, e);
            }
            if (n < 0) {
                return total;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw CliErrors.local(e);
            }
            total += n;
            progress.accept(n);
        }
    }

    /** A request body publisher that reports each buffer handed to the HTTP client; the buffers pass unchanged. */
    static Flow.Publisher<ByteBuffer> counting(Flow.Publisher<ByteBuffer> source, LongConsumer progress) {
        return subscriber -> source.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                progress.accept(item.remaining());
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    /** Counts bytes read from a stream whose length is unknown in advance (stdin). */
    static InputStream counting(InputStream in, LongConsumer progress) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.accept(n);
                }
                return n;
            }
        };
    }
}
