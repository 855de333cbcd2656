package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayBodyTest {
    /** Asks for one buffer at a time from inside onNext, as the HTTP client may; collects what it gets. */
    private static byte[] read(ArrayBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] complete = new boolean[1];
        body.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                assertThat(item.isReadOnly()).isTrue();
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        assertThat(complete[0]).isTrue();
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16 * 1024, 16 * 1024 + 1, 1 << 20})
    void sendsTheSliceItWasGivenWithoutCopyingItEveryTimeItIsSubscribed(int length) {
        byte[] data = new byte[length + 10];
        new Random(length).nextBytes(data);
        ArrayBody body = new ArrayBody(data, 7, length);
        byte[] expected = java.util.Arrays.copyOfRange(data, 7, 7 + length);
        assertThat(body.contentLength()).isEqualTo(length);
        assertThat(read(body)).isEqualTo(expected);
        // A request sent again (a retry) sends the same bytes from the start.
        assertThat(read(body)).isEqualTo(expected);
        body.release();
        if (length > 0) {
            Throwable[] failed = new Throwable[1];
            body.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    throw new AssertionError("sent after its release");
                }

                @Override
                public void onError(Throwable throwable) {
                    failed[0] = throwable;
                }

                @Override
                public void onComplete() {
                    throw new AssertionError("completed after its release");
                }
            });
            assertThat(failed[0]).hasMessageContaining("released");
        }
    }
}
