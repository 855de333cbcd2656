package io.cairn.chunk;

import static io.cairn.chunk.ChunkStoreChecks.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume side alone: crash recovery, index rebuild, compaction and its races. */
class VolumeChunkStoreTest {
    @TempDir
    Path dir;

    private StoreDirectory directory;
    private VolumeChunkStore store;

    @AfterEach
    void close() throws IOException {
        closeStore();
    }

    private void openStore(Path at, long volumeSize) throws IOException {
        directory = StoreDirectory.open(at, 0, 0);
        store = VolumeChunkStore.open(directory, volumeSize, 64 * 1024);
    }

    private void closeStore() throws IOException {
        if (store != null) {
            store.close();
            directory.close();
            store = null;
        }
    }

    private StoredChunk put(byte[] data) throws IOException {
        return store.put(Sha256.of(data), new ByteArrayInputStream(data), data.length);
    }

    private byte[] read(ChunkId id) throws IOException {
        long size = store.stat(id).orElseThrow().size();
        try (InputStream in = store.open(id, 0, size)) {
            return in.readAllBytes();
        }
    }

    private Path volume(Path root, int number) {
        return root.resolve("chunks").resolve("volumes").resolve(Volume.fileName(number));
    }

    /** Puts concurrently, so they share fsyncs; returns each chunk with where its record ends. */
    private Map<StoredChunk, Long> putBatch(List<byte[]> chunks) throws Exception {
        List<Callable<StoredChunk>> puts = chunks.stream().<Callable<StoredChunk>>map(d -> () -> put(d)).toList();
        Map<StoredChunk, Long> ends = new HashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<StoredChunk> f : pool.invokeAll(puts)) {
                StoredChunk stored = f.get();
                VolumeChunkStore.Location at = store.locate(stored.id()).orElseThrow();
                ends.put(stored, at.offset() + at.recordSize());
            }
        }
        return ends;
    }

    @Test
    void aCrashAtAnyByteOfTheLastBatchKeepsExactlyTheWholeRecords() throws Exception {
        openStore(dir, 1 << 20);
        List<StoredChunk> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(put(random(40 + i, i)));
        }
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(random(20 + 7 * i, 10 + i));
        }
        long durable = Files.size(volume(dir, 1));
        Map<StoredChunk, Long> last = putBatch(batch);
        closeStore();
        byte[] bytes = Files.readAllBytes(volume(dir, 1));
        assertThat(bytes.length).isEqualTo(last.values().stream().mapToLong(Long::longValue).max().orElseThrow());

        Path crashed = dir.resolve("crashed");
        for (int cut = (int) durable; cut <= bytes.length; cut++) {
            Files.createDirectories(volume(crashed, 1).getParent());
            Files.write(volume(crashed, 1), Arrays.copyOf(bytes, cut));
            openStore(crashed, 1 << 20);
            try {
                List<StoredChunk> expected = new ArrayList<>(first);
                long end = durable;
                for (Map.Entry<StoredChunk, Long> record : last.entrySet()) {
                    if (record.getValue() <= cut) {
                        expected.add(record.getKey());
                        end = Math.max(end, record.getValue());
                    }
                }
                assertThat(store.list(null, 100)).as("cut at %d", cut).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(store.chunkCount()).isEqualTo(expected.size());
                assertThat(store.usedBytes()).isEqualTo(expected.stream().mapToLong(StoredChunk::size).sum());
                assertThat(Files.size(volume(crashed, 1))).as("the torn tail is cut off").isEqualTo(end);
                for (StoredChunk chunk : expected) {
                    assertThat(Sha256.of(read(chunk.id()))).isEqualTo(chunk.id());
                }
            } finally {
                closeStore();
            }
        }
    }

    @Test
    void garbageAfterTheLastRecordIsCutOffAndWritesContinueAfterIt() throws IOException {
        openStore(dir, 1 << 20);
        StoredChunk a = put(random(100, 1));
        StoredChunk b = put(random(200, 2));
        closeStore();
        long good = Files.size(volume(dir, 1));
        byte[] garbage = random(5_000, 3);
        // A record header with a plausible length whose bytes never all arrived, then noise.
        System.arraycopy(VolumeRecord.encode(VolumeRecord.Kind.PUT, a.id(), 1, new byte[100], 100).array(), 0,
                garbage, 0, 60);
        Files.write(volume(dir, 1), garbage, java.nio.file.StandardOpenOption.APPEND);

        openStore(dir, 1 << 20);
        assertThat(store.list(null, 10)).containsExactlyInAnyOrder(a, b);
        assertThat(Files.size(volume(dir, 1))).isEqualTo(good);
        StoredChunk c = put(random(300, 4));
        closeStore();

        openStore(dir, 1 << 20);
        assertThat(store.list(null, 10)).containsExactlyInAnyOrder(a, b, c);
        assertThat(read(c.id())).isEqualTo(random(300, 4));
    }

    @Test
    void damageInTheMiddleLosesOnlyTheDamagedRecord() throws IOException {
        openStore(dir, 1 << 20);
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chunks.add(put(random(500, 20 + i)));
        }
        VolumeChunkStore.Location damaged = store.locate(chunks.get(2).id()).orElseThrow();
        closeStore();
        long size = Files.size(volume(dir, 1));
        try (RandomAccessFile file = new RandomAccessFile(volume(dir, 1).toFile(), "rw")) {
            file.seek(damaged.dataOffset() + 10);
            file.write(0xFF ^ random(500, 22)[10]);
        }

        openStore(dir, 1 << 20);
        assertThat(store.list(null, 10)).containsExactlyInAnyOrder(chunks.get(0), chunks.get(1), chunks.get(3),
                chunks.get(4));
        assertThat(Files.size(volume(dir, 1))).isEqualTo(size);
    }

    @Test
    void theIndexIsRebuiltOnReopenAcrossVolumesRewritesAndDeletes() throws IOException {
        openStore(dir, 2_000);
        List<StoredChunk> kept = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            StoredChunk chunk = put(random(100 + i, 30 + i));
            if (i % 3 == 0) {
                assertThat(store.delete(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.DELETED);
            } else if (i % 3 == 1) {
                kept.add(put(random(100 + i, 30 + i))); // rewritten: a new generation
            } else {
                kept.add(chunk);
            }
        }
        assertThat(store.volumeNumbers()).hasSizeGreaterThan(3);
        List<StoredChunk> before = store.list(null, 100);
        long used = store.usedBytes();
        closeStore();

        openStore(dir, 2_000);
        assertThat(store.list(null, 100)).containsExactlyElementsOf(before).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(store.chunkCount()).isEqualTo(kept.size());
        assertThat(store.usedBytes()).isEqualTo(used);
        long last = kept.stream().mapToLong(StoredChunk::generation).max().orElseThrow();
        assertThat(put(random(10, 99)).generation()).isGreaterThan(last);
    }

    @Test
    void compactionKeepsTheLiveChunksWithTheirGenerationsAndDropsTheDead() throws IOException {
        openStore(dir, 4_000);
        List<StoredChunk> live = new ArrayList<>();
        List<StoredChunk> dead = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StoredChunk chunk = put(random(200, 100 + i));
            (i % 4 == 0 ? live : dead).add(chunk);
        }
        List<Integer> volumesBefore = store.volumeNumbers();
        for (StoredChunk chunk : dead) {
            assertThat(store.delete(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.DELETED);
        }
        store.compactEligible();

        assertThat(store.volumeNumbers()).hasSizeLessThan(volumesBefore.size() / 2);
        assertThat(store.list(null, 1000)).containsExactlyInAnyOrderElementsOf(live);
        assertThat(store.chunkCount()).isEqualTo(live.size());
        assertThat(store.usedBytes()).isEqualTo(live.size() * 200L);
        for (StoredChunk chunk : live) {
            assertThat(store.verify(chunk.id())).isEqualTo(new ChunkCheck(ChunkVerification.OK, chunk.generation()));
        }
        // A moved copy is the same copy: a delete naming its generation removes it.
        assertThat(store.delete(live.get(0).id(), live.get(0).generation())).isEqualTo(DeleteOutcome.DELETED);
        live.remove(0);
        closeStore();

        openStore(dir, 4_000);
        assertThat(store.list(null, 1000)).containsExactlyInAnyOrderElementsOf(live);
        assertThat(store.usedBytes()).isEqualTo(live.size() * 200L);
    }

    @Test
    void readersKeepReadingWhileTheirVolumeIsCompactedAway() throws Exception {
        openStore(dir, 8_000);
        List<byte[]> contents = new ArrayList<>();
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            contents.add(random(300, 200 + i));
            chunks.add(put(contents.get(i)));
        }
        InputStream held = store.open(chunks.get(1).id(), 0, 300);
        int firstVolume = store.volumeNumbers().get(0);
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int seed = r;
                readers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int reads = 0;
                    while (!stop.get() || reads < 50) {
                        int i = 1 + 2 * random.nextInt(59); // the odd ones stay
                        assertThat(read(chunks.get(i).id())).isEqualTo(contents.get(i));
                        reads++;
                    }
                    return reads;
                }));
            }
            for (int i = 0; i < chunks.size(); i += 2) {
                store.delete(chunks.get(i).id(), chunks.get(i).generation());
            }
            store.compactEligible();
            stop.set(true);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
        }
        assertThat(store.volumeNumbers()).doesNotContain(firstVolume);
        assertThat(Files.exists(volume(dir, firstVolume))).isFalse();
        assertThat(held.readAllBytes()).isEqualTo(contents.get(1));
        held.close();
        for (int i = 1; i < chunks.size(); i += 2) {
            assertThat(read(chunks.get(i).id())).isEqualTo(contents.get(i));
        }
    }

    @Test
    void deletesAndPutsRacingCompactionNeverBringAChunkBack() throws Exception {
        openStore(dir, 6_000);
        List<byte[]> contents = new ArrayList<>();
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            contents.add(random(250, 400 + i));
            chunks.add(put(contents.get(i)));
        }
        for (int i = 0; i < 200; i += 3) {
            store.delete(chunks.get(i).id(), chunks.get(i).generation());
        }
        Map<ChunkId, StoredChunk> expected = new HashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> compaction = pool.submit(() -> {
                for (int round = 0; round < 20; round++) {
                    store.compactEligible();
                }
                return null;
            });
            List<Future<StoredChunk>> work = new ArrayList<>();
            for (int i = 1; i < 200; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    StoredChunk chunk = chunks.get(n);
                    if (n % 3 == 0) {
                        return null;
                    }
                    if (n % 3 == 1) {
                        assertThat(store.delete(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.DELETED);
                        return null;
                    }
                    return put(contents.get(n)); // rewritten while its old record may be moving
                }));
            }
            compaction.get();
            for (Future<StoredChunk> f : work) {
                StoredChunk now = f.get();
                if (now != null) {
                    expected.put(now.id(), now);
                }
            }
        }
        store.compactEligible();
        assertThat(store.list(null, 1000)).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(store.usedBytes()).isEqualTo(expected.size() * 250L);
        closeStore();

        openStore(dir, 6_000);
        assertThat(store.list(null, 1000)).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(store.chunkCount()).isEqualTo(expected.size());
        assertThat(store.usedBytes()).isEqualTo(expected.size() * 250L);
    }

    @Test
    void aCrashBeforeTheOldVolumeIsUnlinkedOrBeforeTheMarkerResurrectsNothing() throws IOException {
        openStore(dir, 3_000);
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chunks.add(put(random(300, 600 + i)));
        }
        int old = store.volumeNumbers().get(0);
        byte[] oldBytes = Files.readAllBytes(volume(dir, old));
        List<StoredChunk> inOld = chunks.stream()
                .filter(c -> store.locate(c.id()).orElseThrow().volume().number() == old).toList();
        assertThat(inOld).hasSizeGreaterThan(2);
        for (StoredChunk chunk : inOld.subList(1, inOld.size())) {
            store.delete(chunk.id(), chunk.generation());
        }
        store.compactEligible();
        assertThat(store.volumeNumbers()).doesNotContain(old);
        int active = store.volumeNumbers().getLast();
        long activeSize = Files.size(volume(dir, active));
        closeStore();

        // The unlink did not reach the disk: the marker removes the old volume again, and its dead chunks stay dead.
        Files.write(volume(dir, old), oldBytes);
        openStore(dir, 3_000);
        assertThat(Files.exists(volume(dir, old))).isFalse();
        assertThat(store.stat(inOld.get(0).id())).contains(inOld.get(0));
        for (StoredChunk chunk : inOld.subList(1, inOld.size())) {
            assertThat(store.stat(chunk.id())).isEmpty();
        }
        closeStore();

        // The crash came before the marker: the copy is on disk twice. The open finishes the compaction, so a delete
        // of the moved copy afterwards holds through any later compaction and reopen.
        Files.write(volume(dir, old), oldBytes);
        try (RandomAccessFile file = new RandomAccessFile(volume(dir, active).toFile(), "rw")) {
            file.setLength(activeSize - VolumeRecord.HEADER);
        }
        openStore(dir, 3_000);
        assertThat(Files.exists(volume(dir, old))).isFalse();
        StoredChunk moved = store.stat(inOld.get(0).id()).orElseThrow();
        assertThat(moved).isEqualTo(inOld.get(0));
        assertThat(store.delete(moved.id(), moved.generation())).isEqualTo(DeleteOutcome.DELETED);
        for (StoredChunk chunk : chunks) {
            if (store.stat(chunk.id()).isPresent()) {
                store.delete(chunk.id(), chunk.generation());
            }
        }
        store.compactEligible();
        closeStore();
        openStore(dir, 3_000);
        assertThat(store.list(null, 100)).isEmpty();
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void aChunkLargerThanTheLimitIsRefused() throws IOException {
        openStore(dir, 1 << 20);
        byte[] big = new byte[64 * 1024 + 1];
        assertThatThrownBy(() -> put(big)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(Sha256.of(big), 0, 1))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
