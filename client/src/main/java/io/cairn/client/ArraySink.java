package io.cairn.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body copied straight into a caller's array as the HTTP client receives it, in the client's thread: the
 * JDK's {@code ofInputStream} hands each buffer over a queue to the reading thread and waits for it to ask for the
 * next one, a wake-up each way per buffer. Completes with the bytes received, or -1 as soon as more came than fit (the
 * rest is not read: the connection is given up). Lets go of the array when it completes, since the client may keep a
 * pooled connection's last exchange, with its body subscriber, reachable while the connection idles (as
 * {@link ArrayBody} does for requests).
 */
final class ArraySink implements HttpResponse.BodySubscriber<Integer> {
    private final CompletableFuture<Integer> result = new CompletableFuture<>();
    private byte[] into;
    private int received;
    private Flow.Subscription subscription;

    ArraySink(byte[] into) {
        this.into = into;
    }

    @Override
    public CompletionStage<Integer> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        // Nothing waits for room: every byte goes into the array at once, and one too many ends the exchange.
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (into == null) {
                return;
            }
            int n = buffer.remaining();
            if (n > into.length - received) {
                into = null;
                subscription.cancel();
                result.complete(-1);
                return;
            }
            buffer.get(into, received, n);
            received += n;
        }
    }

    @Override
    public void onError(Throwable error) {
        into = null;
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        into = null;
        result.complete(received);
    }
}
