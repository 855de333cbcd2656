package io.cairn.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ReadViewsTest {

    /** A snapshot that only knows its name and whether it was closed (and how often). */
    static final class FakeSnapshot implements StoreSnapshot {
        final String name;
        final AtomicInteger closes = new AtomicInteger();

        FakeSnapshot(String name) {
            this.name = name;
        }

        @Override
        public byte[] get(byte[] key) {
            assertThat(closes.get()).as("read from a released snapshot").isZero();
            return name.getBytes();
        }

        @Override
        public List<byte[]> multiGet(List<byte[]> keys) {
            return List.of();
        }

        @Override
        public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        }

        @Override
        public Entry last(byte[] from, byte[] to) {
            return null;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void aMemoizedReadIsComputedOncePerPublishedViewAndAfreshAfterEachPublish() {
        ReadViews views = new ReadViews();
        AtomicInteger computed = new AtomicInteger();
        views.publish(new FakeSnapshot("first"));

        String a = views.readMemoized("k", v -> computed.incrementAndGet() + new String(v.get(new byte[0])));
        String b = views.readMemoized("k", v -> computed.incrementAndGet() + new String(v.get(new byte[0])));
        assertThat(a).isEqualTo("1first").isSameAs(b);

        views.publish(new FakeSnapshot("second"));
        assertThat(views.<String>readMemoized("k", v -> computed.incrementAndGet() + new String(v.get(new byte[0]))))
                .isEqualTo("2second");
        assertThat(views.<String>readMemoized("other", v -> "other")).isEqualTo("other");
        views.close();
    }

    @Test
    void aSnapshotOutlivesItsPublicationUntilItsLastReadEnds() throws Exception {
        ReadViews views = new ReadViews();
        FakeSnapshot first = new FakeSnapshot("first");
        FakeSnapshot second = new FakeSnapshot("second");
        views.publish(first);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> slowRead = executor.submit(() -> views.read(view -> {
                reading.countDown();
                await(finish);
                return new String(view.get(new byte[0]));
            }));
            reading.await();

            views.publish(second);
            assertThat(first.closes).hasValue(0); // still in use
            String current = views.read(v -> new String(v.get(new byte[0])));
            assertThat(current).isEqualTo("second");

            finish.countDown();
            assertThat(slowRead.get()).isEqualTo("first");
        }
        assertThat(first.closes).hasValue(1);
        views.close();
        assertThat(second.closes).hasValue(1);
        assertThatThrownBy(() -> views.read(v -> v.get(new byte[0]))).isInstanceOf(CairnException.class);
    }

    @Test
    void manyReadersAndAPublisherReleaseEverySnapshotExactlyOnce() throws Exception {
        ReadViews views = new ReadViews();
        List<FakeSnapshot> published = new ArrayList<>();
        FakeSnapshot initial = new FakeSnapshot("0");
        published.add(initial);
        views.publish(initial);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                readers.add(executor.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        views.read(v -> v.get(new byte[0]));
                    }
                    return null;
                }));
            }
            for (int i = 1; i <= 2_000; i++) {
                FakeSnapshot next = new FakeSnapshot(String.valueOf(i));
                published.add(next);
                views.publish(next);
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
        }
        views.close();
        assertThat(published).allSatisfy(s -> assertThat(s.closes).hasValue(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
