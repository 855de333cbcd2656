package io.cairn.chunk;

import static io.cairn.chunk.ChunkStoreChecks.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ChunkStore} contract (as {@link FileChunkStoreTest} states it for files) for the node's store, with
 * chunks on both sides of the threshold: small ones in volumes, large ones in files.
 */
class RoutedChunkStoreTest {
    static final int SMALL_MAX = 16 * 1024;

    @TempDir
    Path dir;

    private RoutedChunkStore store;

    @BeforeEach
    void open() throws IOException {
        store = reopen(0);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private RoutedChunkStore reopen(double reserve) throws IOException {
        return RoutedChunkStore.open(dir, reserve, 0, SMALL_MAX);
    }

    private StoredChunk put(byte[] data) throws IOException {
        return ChunkStoreChecks.put(store, data);
    }

    private byte[] read(ChunkId id, long offset, long length) throws IOException {
        return ChunkStoreChecks.read(store, id, offset, length);
    }

    private List<Path> filesUnder(String sub) throws IOException {
        if (!Files.isDirectory(dir.resolve(sub))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir.resolve(sub))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("store-id"))
                    .toList();
        }
    }

    @Test
    void smallChunksGoToVolumesAndLargeOnesToFilesAndBothReadBack() throws IOException {
        byte[] small = random(SMALL_MAX, 1);
        byte[] large = random(SMALL_MAX + 1, 2);

        StoredChunk s = put(small);
        StoredChunk l = put(large);

        assertThat(filesUnder("chunks")).containsExactlyInAnyOrder(store.locate(l.id()).orElseThrow().file(),
                store.locate(s.id()).orElseThrow().file());
        assertThat(store.locate(s.id()).orElseThrow().file().getParent().getFileName()).hasToString("volumes");
        assertThat(store.locate(l.id()).orElseThrow()).isEqualTo(new RoutedChunkStore.StoredBytes(
                dir.resolve("chunks").resolve(l.id().hex().substring(0, 2)).resolve(l.id().hex()).toAbsolutePath(),
                0, large.length));
        assertThat(read(s.id(), 0, small.length)).isEqualTo(small);
        assertThat(read(l.id(), 0, large.length)).isEqualTo(large);
        assertThat(store.stat(s.id())).contains(s);
        assertThat(store.stat(l.id())).contains(l);
        assertThat(l.generation()).isGreaterThan(s.generation());
        assertThat(store.chunkCount()).isEqualTo(2);
        assertThat(store.usedBytes()).isEqualTo(small.length + large.length);
        assertThat(store.verify(s.id())).isEqualTo(new ChunkCheck(ChunkVerification.OK, s.generation()));
    }

    @Test
    void theEmptyChunkIsAChunk() throws IOException {
        StoredChunk stored = put(new byte[0]);

        assertThat(read(stored.id(), 0, 0)).isEmpty();
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.verify(stored.id())).isEqualTo(new ChunkCheck(ChunkVerification.OK, stored.generation()));
    }

    @Test
    void failedPutsStoreNothing() throws IOException {
        byte[] data = random(10_000, 3);
        ChunkId id = Sha256.of(data);
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> store.put(id, failing, data.length)).hasMessage("connection reset");
        assertThatThrownBy(() -> store.put(Sha256.of(random(10, 4)), new ByteArrayInputStream(data), data.length))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        byte[] flipped = data.clone();
        flipped[5] ^= 1;
        PayloadCheck sent = new PayloadCheck.SentCrc32c(Crc32c.of(data, 0, data.length));
        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(flipped), data.length, sent))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        ChunkStoreChecks.wrongLengthsAreBadRequests(store, data);

        assertThat(store.stat(id)).isEmpty();
        assertThat(store.chunkCount()).isZero();
        assertThat(store.usedBytes()).isZero();
        assertThat(Files.size(dir.resolve("chunks").resolve("volumes").resolve("000001.vol"))).isZero();

        assertThat(store.put(id, new ByteArrayInputStream(data), data.length, sent).size()).isEqualTo(data.length);
        store.close();
        store = reopen(0);
        assertThat(read(id, 0, data.length)).isEqualTo(data);
    }

    @Test
    void rangesReadExactlyTheAskedBytesAndMissingChunksAreNotFound() throws IOException {
        ChunkStoreChecks.rangesReadExactlyTheAskedBytes(store, random(10_000, 8));
        ChunkStoreChecks.aMissingChunkIsNotFound(store);
    }

    @Test
    void deletesRemoveOnlyTheGenerationNamedDurably() throws IOException {
        StoredChunk chunk = put(random(4_096, 9));
        StoredChunk other = put(random(100, 10));
        StoredChunk rewritten = put(random(200, 11));
        StoredChunk again = put(random(200, 11));

        assertThat(store.delete(chunk.id(), chunk.generation() - 1)).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.delete(chunk.id(), chunk.generation() + 1)).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.delete(rewritten.id(), rewritten.generation())).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.delete(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.DELETED);
        assertThat(store.delete(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.ABSENT);
        assertThat(store.chunkCount()).isEqualTo(2);
        assertThat(store.usedBytes()).isEqualTo(300);

        store.close();
        store = reopen(0);
        assertThat(store.stat(chunk.id())).isEmpty();
        assertThat(store.list(null, 10)).containsExactlyInAnyOrder(other, again);
        assertThat(store.chunkCount()).isEqualTo(2);
        assertThat(store.usedBytes()).isEqualTo(300);
    }

    @Test
    void aReaderKeepsItsBytesWhenTheChunkIsDeletedUnderIt() throws IOException {
        ChunkStoreChecks.aReaderKeepsItsBytesWhenTheChunkIsDeletedUnderIt(store, random(5_000, 12));
    }

    @Test
    void listMergesBothSidesInIdOrderAndPages() throws IOException {
        List<ChunkId> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(put(random(i % 2 == 0 ? 10 + i : SMALL_MAX + i, 100 + i)).id());
        }
        ChunkStoreChecks.listIsInIdOrderAndPages(store, ids);
    }

    @Test
    void aChangedThresholdLeavesOneCopyOfEachChunk() throws IOException {
        byte[] data = random(10_000, 13);
        StoredChunk inVolume = put(data);
        store.close();
        store = RoutedChunkStore.open(dir, 0, 0, 1_000);

        StoredChunk inFile = put(data);
        assertThat(store.stat(inVolume.id())).contains(inFile);
        assertThat(store.list(null, 10)).containsExactly(inFile);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.locate(inFile.id()).orElseThrow().file()).isEqualTo(
                dir.resolve("chunks").resolve(inFile.id().hex().substring(0, 2)).resolve(inFile.id().hex())
                        .toAbsolutePath());

        // A crash between the new copy and the removal of the old leaves both: the open removes the older.
        store.close();
        store = reopen(0);
        StoredChunk back = put(data);
        store.close();
        Files.copy(dir.resolve("chunks").resolve("volumes").resolve("000001.vol"), dir.resolve("saved.vol"));
        store = RoutedChunkStore.open(dir, 0, 0, 1_000);
        StoredChunk newest = put(data);
        store.close();
        Files.copy(dir.resolve("saved.vol"), dir.resolve("chunks").resolve("volumes").resolve("000001.vol"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        store = reopen(0);
        assertThat(back.generation()).isLessThan(newest.generation());
        assertThat(store.stat(newest.id())).contains(newest);
        assertThat(store.list(null, 10)).containsExactly(newest);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(data.length);
        assertThat(store.delete(newest.id(), newest.generation())).isEqualTo(DeleteOutcome.DELETED);
        assertThat(store.stat(newest.id())).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameAndOfDifferentChunksAllSucceed() throws Exception {
        byte[] shared = random(5_000, 50);
        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            distinct.add(random(i % 8 == 0 ? SMALL_MAX + i : 2_000 + i, 51 + i));
        }
        List<Callable<StoredChunk>> tasks = new ArrayList<>();
        for (byte[] own : distinct) {
            tasks.add(() -> put(shared));
            tasks.add(() -> put(own));
        }
        long largest = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<StoredChunk> f : pool.invokeAll(tasks)) {
                if (f.get().id().equals(Sha256.of(shared))) {
                    largest = Math.max(largest, f.get().generation());
                }
            }
        }

        assertThat(store.stat(Sha256.of(shared)).orElseThrow().generation()).isEqualTo(largest);
        assertThat(store.chunkCount()).isEqualTo(65);
        long bytes = shared.length + distinct.stream().mapToLong(d -> d.length).sum();
        assertThat(store.usedBytes()).isEqualTo(bytes);
        store.close();
        store = reopen(0);
        assertThat(store.stat(Sha256.of(shared)).orElseThrow().generation()).isEqualTo(largest);
        assertThat(store.chunkCount()).isEqualTo(65);
        assertThat(store.usedBytes()).isEqualTo(bytes);
        for (byte[] d : distinct) {
            assertThat(store.verify(Sha256.of(d)).result()).isEqualTo(ChunkVerification.OK);
        }
    }

    @Test
    void aPutRacingADeleteOfTheOlderGenerationAlwaysSurvives() throws Exception {
        byte[] data = random(2_000, 74);
        ChunkId id = Sha256.of(data);
        ChunkStoreChecks.aPutRacingADeleteOfTheOlderGenerationAlwaysSurvives(store, data, 200);
        StoredChunk last = store.stat(id).orElseThrow();
        store.close();
        store = reopen(0);
        assertThat(store.stat(id)).contains(last);
        assertThat(store.chunkCount()).isEqualTo(1);
    }

    @Test
    void aCorruptChunkIsFoundQuarantinedAsAFileAndHealedByAPut() throws IOException {
        byte[] data = random(3_000, 75);
        StoredChunk chunk = put(data);
        StoredChunk other = put(random(100, 76));
        RoutedChunkStore.StoredBytes where = store.locate(chunk.id()).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(where.file().toFile(), "rw")) {
            file.seek(where.offset() + 1_000);
            file.write(data[1_000] ^ 0x10);
        }
        assertThat(store.verify(chunk.id())).isEqualTo(new ChunkCheck(ChunkVerification.CORRUPT, chunk.generation()));

        assertThat(store.quarantine(chunk.id(), chunk.generation() - 1)).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.quarantine(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.DELETED);

        Path aside = store.quarantineDir().resolve(chunk.id().hex() + "." + chunk.generation());
        byte[] rotten = data.clone();
        rotten[1_000] ^= 0x10;
        assertThat(Files.readAllBytes(aside)).isEqualTo(rotten);
        assertThat(store.stat(chunk.id())).isEmpty();
        assertThat(store.list(null, 10)).containsExactly(other);
        assertThat(store.usedBytes()).isEqualTo(100);
        store.close();
        store = reopen(0);
        assertThat(store.list(null, 10)).containsExactly(other);
        assertThat(put(data).generation()).isGreaterThan(chunk.generation());
        assertThat(store.verify(chunk.id()).result()).isEqualTo(ChunkVerification.OK);
    }

    @Test
    void identityLockGenerationsAndReserveAreTheDirectorysOwn() throws IOException {
        String id = store.storeId();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(Files.readString(dir.resolve("chunks").resolve("store-id")).strip()).isEqualTo(id);
        assertThatThrownBy(() -> RoutedChunkStore.open(dir, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already open");
        assertThatThrownBy(() -> FileChunkStore.open(dir, 0)).isInstanceOf(IllegalStateException.class);

        long last = 0;
        for (int i = 0; i < 100; i++) {
            StoredChunk stored = put(random(i % 3 == 0 ? SMALL_MAX + 1 : 100, 80 + i % 5));
            assertThat(stored.generation()).isGreaterThan(last);
            last = stored.generation();
        }
        store.close();
        store.close();
        assertThatThrownBy(() -> store.stat(Sha256.of(new byte[0]))).isInstanceOf(IllegalStateException.class);

        store = reopen(1);
        assertThat(store.storeId()).isEqualTo(id);
        assertThat(store.reserveBytes()).isEqualTo(store.capacityBytes());
        assertThatThrownBy(() -> store.put(Sha256.of(new byte[1]), new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        }, 1)).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE));
        store.close();
        store = reopen(0);
        assertThat(put(random(10, 90)).generation()).isGreaterThan(last);
    }
}
