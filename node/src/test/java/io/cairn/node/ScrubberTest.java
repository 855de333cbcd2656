package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.LostChunks;
import io.cairn.api.NodeRegistry;
import io.cairn.chunk.FileChunkStore;
import io.cairn.chunk.StoredChunk;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrubberTest {
    private static final NodeId NODE = new NodeId("node-s");

    @TempDir
    Path dir;

    private FileChunkStore store;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private NodeMetrics metrics;
    private final FakeRegistry controller = new FakeRegistry();
    private final FakeRegistry otherController = new FakeRegistry();
    private long now;

    @BeforeEach
    void open() throws IOException {
        store = FileChunkStore.open(dir, 0);
        metrics = new NodeMetrics(meters, store, NODE);
    }

    @AfterEach
    void close() throws IOException {
        metrics.close();
        store.close();
    }

    private StoredChunk put(int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return store.put(Sha256.of(data), new ByteArrayInputStream(data), size);
    }

    /** A scrubber whose clock stands still: any wait the rate asks for would be real, so a test's rate must be high. */
    private Scrubber scrubber(long rate, NodeRegistry... registries) {
        return new Scrubber(store, NODE, List.of(registries), metrics, new Throttle(rate, () -> now),
                Duration.ofHours(1));
    }

    private double counter(String name) {
        return meters.get(name).tag("node", NODE.value()).counter().count();
    }

    @Test
    void aPassQuarantinesACorruptChunkAndReportsItToEveryController() throws Exception {
        List<StoredChunk> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(put(10_000 + i, i));
        }
        StoredChunk rotten = put(20_000, 99);
        byte[] bytes = Files.readAllBytes(store.pathOf(rotten.id()));
        bytes[12_345] ^= 0x08;
        Files.write(store.pathOf(rotten.id()), bytes);
        long rottenGeneration = store.stat(rotten.id()).orElseThrow().generation();

        scrubber(Long.MAX_VALUE, controller, otherController).runPass();

        assertThat(store.stat(rotten.id())).isEmpty();
        assertThat(store.quarantineDir().resolve(rotten.id().hex() + "." + rottenGeneration)).hasBinaryContent(bytes);
        assertThat(store.list(null, 100)).containsExactlyInAnyOrderElementsOf(good);
        LostChunks expected = new LostChunks(NODE, store.storeId(), List.of(rotten.id()), Scrubber.REASON);
        assertThat(controller.lostChunks).containsExactly(expected);
        assertThat(otherController.lostChunks).containsExactly(expected);
        assertThat(expected.reason()).startsWith("corrupt: ");
        assertThat(counter("cairn.scrub.chunks")).isEqualTo(6);
        assertThat(counter("cairn.scrub.bytes")).isEqualTo(good.stream().mapToLong(StoredChunk::size).sum() + 20_000);
        assertThat(counter("cairn.scrub.corrupt")).isEqualTo(1);
    }

    @Test
    void aPassCoversEveryPageAndAnIntactStoreIsLeftAlone() throws Exception {
        int count = Scrubber.PAGE + 3;
        for (int i = 0; i < count; i++) {
            put(10, i);
        }

        scrubber(Long.MAX_VALUE, controller).runPass();

        assertThat(store.chunkCount()).isEqualTo(count);
        assertThat(controller.lostChunks).isEmpty();
        assertThat(counter("cairn.scrub.chunks")).isEqualTo(count);
        assertThat(counter("cairn.scrub.corrupt")).isZero();
    }

    @Test
    void aControllerThatCannotBeToldDoesNotStopThePassOrTheOthers() throws Exception {
        StoredChunk rotten = put(1_000, 1);
        StoredChunk other = put(1_000, 2);
        Files.write(store.pathOf(rotten.id()), new byte[1_000]);
        Files.write(store.pathOf(other.id()), new byte[999]);
        FakeRegistry down = new FakeRegistry();
        down.onLostChunks = r -> {
            throw new CairnException(ErrorCode.UNAVAILABLE, "controller down");
        };

        scrubber(Long.MAX_VALUE, down, controller).runPass();

        assertThat(controller.lostChunks).extracting(r -> r.chunks().getFirst())
                .containsExactlyInAnyOrder(rotten.id(), other.id());
        assertThat(store.chunkCount()).isZero();
    }

    @Test
    void theRateSetsTheWaitsBetweenChunks() throws Exception {
        put(4_000, 1);
        put(4_000, 2);
        put(4_000, 3);
        // 4 MB/s: each chunk takes a millisecond of the budget; the clock stands still, so the waits add up.
        Scrubber scrubber = scrubber(4_000_000, controller);

        long started = System.nanoTime();
        scrubber.runPass();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2));
        assertThat(counter("cairn.scrub.chunks")).isEqualTo(3);
    }

    @Test
    void closingStopsARunningScrubberPromptly() throws Exception {
        for (int i = 0; i < 20; i++) {
            put(1_000, i);
        }
        // One byte per second: the scrubber would wait a thousand seconds after the first chunk.
        Scrubber scrubber = scrubber(1, controller).start();
        FakeRegistry.await("the first chunk scrubbed", Duration.ofSeconds(5),
                () -> counter("cairn.scrub.chunks") >= 1);

        long started = System.nanoTime();
        scrubber.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(counter("cairn.scrub.chunks")).isEqualTo(1);
    }
}
