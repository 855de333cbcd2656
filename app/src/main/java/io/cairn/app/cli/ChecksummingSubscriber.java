package io.cairn.app.cli;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * A response body consumer that only checksums and counts: the benchmark checks a download without writing it
 * anywhere. CRC32C rather than SHA-256, because the client shares the machine with the server it measures: a client
 * hashing the stream with SHA-256 on one core took a core the server's own verification needed, and measured itself.
 * Asks for one batch of buffers at a time, so a slow consumer slows the socket instead of filling memory.
 */
final class ChecksummingSubscriber implements BodySubscriber<ChecksummingSubscriber.Checksum> {
    /** What was received: its byte count and CRC32C. */
    record Checksum(long bytes, long crc32c) {
    }

    private final CRC32C crc = new CRC32C();
    private final LongConsumer progress;
    private final CompletableFuture<Checksum> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long bytes;

    ChecksummingSubscriber(LongConsumer progress) {
        this.progress = progress;
    }

    @Override
    public CompletionStage<Checksum> getBody() {
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
            crc.update(buffer);
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
        result.complete(new Checksum(bytes, crc.getValue()));
    }
}
