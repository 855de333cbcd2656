package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.chunk.RoutedChunkStore;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's copies read and written by a gateway in its process: both sides of the store, as they are on disk, checked
 * and counted as the node's HTTP API would.
 */
class LocalChunkAccessTest {
    @TempDir
    java.nio.file.Path dir;

    RoutedChunkStore store;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    NodeMetrics metrics;
    LocalChunkAccess reads;

    @BeforeEach
    void open() throws IOException {
        store = RoutedChunkStore.open(dir, 0);
        metrics = new NodeMetrics(meters, store, new NodeId("node-l"));
        reads = new LocalChunkAccess(store, metrics);
    }

    @AfterEach
    void close() throws IOException {
        metrics.close();
        store.close();
    }

    ChunkId put(byte[] data) throws IOException {
        ChunkId id = Sha256.of(data);
        store.put(id, new ByteArrayInputStream(data), data.length);
        return id;
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    double readBytes() {
        return meters.get("cairn.node.chunk.read.bytes").counter().count();
    }

    @Test
    void smallAndLargeCopiesArriveWholeInTheReadersBufferAndAreCounted() throws IOException {
        byte[] small = random(4096, 1); // a volume record
        byte[] large = random(2 * LocalChunkAccess.READ_SLICE + 7, 2); // a chunk file, read in three slices
        ChunkId smallId = put(small);
        ChunkId largeId = put(large);
        byte[] buffer = new byte[large.length + 10];
        assertThat(reads.read(smallId, buffer)).isEqualTo(small.length);
        assertThat(Arrays.copyOf(buffer, small.length)).isEqualTo(small);
        assertThat(reads.read(largeId, buffer)).isEqualTo(large.length);
        assertThat(Arrays.copyOf(buffer, large.length)).isEqualTo(large);
        assertThat(readBytes()).isEqualTo(small.length + large.length);
        assertThat(metrics.inflight()).isZero();
    }

    @Test
    void aCopyLargerThanTheBufferIsMinusOneAndLeavesTheRestOfTheBufferAlone() throws IOException {
        ChunkId id = put(random(5000, 3));
        assertThat(reads.read(id, new byte[4999])).isEqualTo(-1);
        assertThat(readBytes()).isZero();
    }

    @Test
    void aMissingCopyIsNotFoundAndAClosedStoreUnavailable() throws IOException {
        ChunkId missing = Sha256.of(new byte[] {1});
        assertThatThrownBy(() -> reads.read(missing, new byte[10])).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        ChunkId id = put(random(300_000, 4));
        store.close();
        assertThatThrownBy(() -> reads.read(id, new byte[300_000])).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(metrics.inflight()).isZero();
    }

    @Test
    void aWriteStoresTheCopyDurablyFromTheCallersBufferAndCountsIt() throws IOException {
        byte[] buffer = new byte[300_000];
        byte[] small = random(4096, 5);
        System.arraycopy(small, 0, buffer, 0, small.length);
        ChunkId smallId = Sha256.of(small);
        long first = reads.write(smallId, buffer, small.length, Crc32c.of(buffer, 0, small.length));
        byte[] large = random(buffer.length, 6);
        ChunkId largeId = Sha256.of(large);
        long second = reads.write(largeId, large, large.length, Crc32c.of(large, 0, large.length));
        assertThat(second).isGreaterThan(first);
        assertThat(store.stat(smallId)).hasValueSatisfying(c -> assertThat(c.generation()).isEqualTo(first));
        assertThat(store.stat(largeId)).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(large.length));
        assertThat(meters.get("cairn.node.chunk.written.bytes").counter().count())
                .isEqualTo(small.length + large.length);
        // On disk for good: a store opened again over the same directory has both.
        store.close();
        store = RoutedChunkStore.open(dir, 0);
        reads = new LocalChunkAccess(store, metrics);
        byte[] back = new byte[large.length];
        assertThat(reads.read(smallId, back)).isEqualTo(small.length);
        assertThat(Arrays.copyOf(back, small.length)).isEqualTo(small);
        assertThat(reads.read(largeId, back)).isEqualTo(large.length);
        assertThat(back).isEqualTo(large);
    }

    @Test
    void bytesThatDoNotMatchTheirCrcAreRefusedCountedAndNotStored() throws IOException {
        for (int size : new int[] {4096, 300_000}) {
            byte[] data = random(size, size);
            ChunkId id = Sha256.of(data);
            Crc32c crc = Crc32c.of(data, 0, size);
            data[size / 2] ^= 0x10; // flipped after the gateway computed the CRC
            assertThatThrownBy(() -> reads.write(id, data, size, crc)).isInstanceOfSatisfying(CairnException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
            assertThat(store.stat(id)).isEmpty();
        }
        assertThat(meters.get("cairn.node.checksum.rejections").counter().count()).isEqualTo(2);
        assertThat(store.chunkCount()).isZero();
    }

    @Test
    void aWriteToAClosedStoreIsUnavailable() throws IOException {
        byte[] data = random(4096, 7);
        store.close();
        assertThatThrownBy(() -> reads.write(Sha256.of(data), data, data.length, Crc32c.of(data, 0, data.length)))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(metrics.inflight()).isZero();
    }
}
