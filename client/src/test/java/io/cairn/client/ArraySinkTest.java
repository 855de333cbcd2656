package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ArraySinkTest {
    /** Records what the sink asked of its subscription. */
    static final class Subscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    final byte[] into = new byte[8];
    final ArraySink sink = new ArraySink(into);
    final Subscription subscription = new Subscription();

    @Test
    void buffersAreCopiedInOrderAndTheCountIsWhatCame() {
        sink.onSubscribe(subscription);
        sink.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(new byte[] {4})));
        sink.onNext(List.of(ByteBuffer.wrap(new byte[] {5, 6, 7, 8})));
        sink.onComplete();

        assertThat(sink.getBody().toCompletableFuture().join()).isEqualTo(8);
        assertThat(into).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(subscription.requested).isPositive();
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void oneByteMoreThanFitsEndsTheExchangeWithMinusOneAndTouchesNothingPastTheArray() {
        sink.onSubscribe(subscription);
        sink.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        sink.onNext(List.of(ByteBuffer.wrap(new byte[] {9, 9, 9})));
        sink.onNext(List.of(ByteBuffer.wrap(new byte[] {7})));
        sink.onComplete();

        assertThat(sink.getBody().toCompletableFuture().join()).isEqualTo(-1);
        assertThat(subscription.cancelled).isTrue();
        assertThat(Arrays.copyOfRange(into, 6, 8)).containsOnly(0);
    }

    @Test
    void aFailedBodyFailsTheResult() {
        sink.onSubscribe(subscription);
        sink.onNext(List.of(ByteBuffer.wrap(new byte[] {1})));
        sink.onError(new IOException("connection reset"));

        assertThat(sink.getBody().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void lessThanTheArrayIsReportedAsSuchForTheCallerToRefuse() {
        sink.onSubscribe(subscription);
        sink.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2})));
        sink.onComplete();

        assertThat(sink.getBody().toCompletableFuture().join()).isEqualTo(2);
    }
}
