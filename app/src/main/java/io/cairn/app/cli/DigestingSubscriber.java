package io.cairn.app.cli;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A response body consumer that only hashes and counts: the benchmark checks a download's SHA-256 without writing it
 * anywhere. Asks for one batch of buffers at a time, so a slow hash slows the socket instead of filling memory.
 */
final class DigestingSubscriber implements BodySubscriber<DigestingSubscriber.Digest> {
    /** What was received: its byte count and SHA-256. */
    record Digest(long bytes, byte[] sha256) {
    }

    private final MessageDigest sha256;
    private final LongConsumer progress;
    private final CompletableFuture<Digest> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long bytes;

    DigestingSubscriber(LongConsumer progress) {
        this.sha256 = newSha256();
        this.progress = progress;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public CompletionStage<Digest> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long n = 0;
        for (ByteBuffer buffer : buffers) {
            n += buffer.remaining();
            sha256.update(buffer);
        }
        bytes += n;
        progress.accept(n);
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(new Digest(bytes, sha256.digest()));
    }
}
