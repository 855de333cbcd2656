package io.cairn.chunk;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChunkStoreTest {
    @TempDir
    Path dir;

    private FileChunkStore store;

    @BeforeEach
    void open() throws IOException {
        store = FileChunkStore.open(dir, 0);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private static byte[] random(int size, long seed) {
        return ChunkStoreChecks.random(size, seed);
    }

    private StoredChunk put(byte[] data) throws IOException {
        return ChunkStoreChecks.put(store, data);
    }

    private byte[] read(ChunkId id, long offset, long length) throws IOException {
        return ChunkStoreChecks.read(store, id, offset, length);
    }

    /** The generation of the chunk's file as the file system keeps it. */
    private long generationOnDisk(ChunkId id) throws IOException {
        return Files.getLastModifiedTime(store.pathOf(id)).to(TimeUnit.NANOSECONDS);
    }

    /** Writes in progress or left behind: temp files beside the chunks. */
    private List<Path> tempFiles() {
        return uncheckedFiles("chunks").stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }

    /** Regular files under {@code sub}, but the store's identity. */
    private List<Path> filesUnder(String sub) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve(sub))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("store-id"))
                    .toList();
        }
    }

    @Test
    void aPutChunkIsStoredUnderItsFanOutPathAndReadsBack() throws IOException {
        byte[] data = random(300_000, 1); // several copy buffers
        ChunkId id = Sha256.of(data);

        StoredChunk stored = put(data);

        assertThat(stored).isEqualTo(new StoredChunk(id, data.length, generationOnDisk(id)));
        Path file = dir.resolve("chunks").resolve(id.hex().substring(0, 2))
                .resolve(id.hex());
        assertThat(store.pathOf(id)).isEqualTo(file.toAbsolutePath());
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(store.stat(id)).contains(stored);
        assertThat(read(id, 0, data.length)).isEqualTo(data);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void theEmptyChunkIsAChunk() throws IOException {
        StoredChunk stored = put(new byte[0]);

        assertThat(stored.size()).isZero();
        assertThat(read(stored.id(), 0, 0)).isEmpty();
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.verify(stored.id())).isEqualTo(new ChunkCheck(ChunkVerification.OK, stored.generation()));
    }

    @Test
    void aStreamFailingMidwayLeavesNoFileAnywhere() throws IOException {
        byte[] data = random(200_000, 2);
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() {
                throw new AssertionError("single-byte reads are not expected");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent > 100_000) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(Math.min(len, 64 * 1024), data.length - sent); // short reads, as from a socket
                System.arraycopy(data, sent, b, off, n);
                sent += n;
                return n;
            }
        };

        assertThatThrownBy(() -> store.put(Sha256.of(data), failing, data.length))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(store.stat(Sha256.of(data))).isEmpty();
        assertThat(store.chunkCount()).isZero();
        assertThat(store.usedBytes()).isZero();
        assertThat(uncheckedFiles("chunks")).isEmpty();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aSentCrcChecksTheBytesInsteadOfTheirHash() throws IOException {
        byte[] data = random(300_000, 77);
        ChunkId id = Sha256.of(data);
        PayloadCheck sent = new PayloadCheck.SentCrc32c(Crc32c.of(data, 0, data.length));
        byte[] flipped = data.clone();
        flipped[123_456] ^= 1;

        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(flipped), data.length, sent))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        assertThat(store.stat(id)).isEmpty();
        assertThat(tempFiles()).isEmpty();

        StoredChunk stored = store.put(id, new ByteArrayInputStream(data), data.length, sent);
        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(store.verify(id).result()).isEqualTo(ChunkVerification.OK);
    }

    private List<Path> uncheckedFiles(String sub) {
        try {
            return filesUnder(sub);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bytesThatDoNotHashToTheIdAreRejectedAndNothingIsStored() throws IOException {
        byte[] data = random(10_000, 3);
        ChunkId otherId = Sha256.of(random(10_000, 4));

        assertThatThrownBy(() -> store.put(otherId, new ByteArrayInputStream(data), data.length))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));

        assertThat(store.stat(otherId)).isEmpty();
        assertThat(store.stat(Sha256.of(data))).isEmpty();
        assertThat(filesUnder("chunks")).isEmpty();
        assertThat(tempFiles()).isEmpty();
        assertThat(store.chunkCount()).isZero();
    }

    @Test
    void aMismatchDoesNotDisturbAGoodCopyAlreadyStored() throws IOException {
        byte[] data = random(5_000, 5);
        ChunkId id = put(data).id();

        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(random(5_000, 6)), 5_000))
                .isInstanceOf(CairnException.class);

        assertThat(read(id, 0, data.length)).isEqualTo(data);
        assertThat(store.chunkCount()).isEqualTo(1);
    }

    @Test
    void aBodyShorterOrLongerThanTheDeclaredLengthIsABadRequest() throws IOException {
        ChunkStoreChecks.wrongLengthsAreBadRequests(store, random(1_000, 7));

        assertThat(filesUnder("chunks")).isEmpty();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void rangesReadExactlyTheAskedBytes() throws IOException {
        ChunkStoreChecks.rangesReadExactlyTheAskedBytes(store, random(100_000, 8));
    }

    @Test
    void aMissingChunkIsNotFound() throws IOException {
        ChunkStoreChecks.aMissingChunkIsNotFound(store);
    }

    @Test
    void deleteRemovesTheChunkOnceAndOnlyAtTheGenerationNamed() throws IOException {
        StoredChunk chunk = put(random(4_096, 9));
        ChunkId id = chunk.id();
        byte[] other = random(100, 10);
        put(other);

        assertThat(store.delete(id, chunk.generation() - 1)).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.delete(id, chunk.generation() + 1)).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.stat(id)).contains(chunk);
        assertThat(store.chunkCount()).isEqualTo(2);

        assertThat(store.delete(id, chunk.generation())).isEqualTo(DeleteOutcome.DELETED);
        assertThat(store.delete(id, chunk.generation())).isEqualTo(DeleteOutcome.ABSENT);

        assertThat(store.stat(id)).isEmpty();
        assertThat(Files.exists(store.pathOf(id))).isFalse();
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(100);
    }

    @Test
    void aDeleteOfAnOlderGenerationLeavesARewrittenChunk() throws IOException {
        byte[] data = random(4_096, 12);
        StoredChunk first = put(data);
        StoredChunk second = put(data);

        assertThat(store.delete(first.id(), first.generation())).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.quarantine(first.id(), first.generation())).isEqualTo(DeleteOutcome.CHANGED);

        assertThat(store.stat(first.id())).contains(second);
        assertThat(read(first.id(), 0, data.length)).isEqualTo(data);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(uncheckedFiles("quarantine")).isEmpty();
    }

    @Test
    void aReaderKeepsItsBytesWhenTheChunkIsDeletedUnderIt() throws IOException {
        ChunkStoreChecks.aReaderKeepsItsBytesWhenTheChunkIsDeletedUnderIt(store, random(200_000, 11));
    }

    @Test
    void listIsInIdOrderAndPages() throws IOException {
        List<ChunkId> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(put(random(10 + i, 100 + i)).id());
        }
        ChunkStoreChecks.listIsInIdOrderAndPages(store, ids);
    }

    @Test
    void usageIsAccountedAcrossPutsRewritesDeletesAndReopen() throws IOException {
        put(random(1_000, 20));
        StoredChunk b = put(random(2_000, 21));
        StoredChunk a = put(random(1_000, 20)); // the same chunk again: no double counting

        assertThat(store.chunkCount()).isEqualTo(2);
        assertThat(store.usedBytes()).isEqualTo(3_000);

        store.delete(a.id(), a.generation());
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(2_000);

        store.close();
        store = FileChunkStore.open(dir, 0);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(2_000);
        assertThat(store.list(null, 10)).containsExactly(b);
        assertThat(store.capacityBytes()).isPositive();
        assertThat(store.freeBytes()).isPositive().isLessThanOrEqualTo(store.capacityBytes());
    }

    @Test
    void leftoverTempFilesAreRemovedAtOpen() throws IOException {
        put(random(10, 30));
        store.close();
        Files.write(dir.resolve("chunks").resolve("01").resolve("0123.1.tmp"), random(500, 31));
        Files.write(dir.resolve("chunks").resolve("ff").resolve("ff" + "0".repeat(62) + ".7.tmp"), random(500, 32));

        store = FileChunkStore.open(dir, 0);

        assertThat(tempFiles()).isEmpty();
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(10);
    }

    @Test
    void strayFilesInTheChunkTreeAreNeitherCountedNorListed() throws IOException {
        StoredChunk real = put(random(10, 33));
        Files.writeString(store.pathOf(real.id()).getParent().resolve("notes.txt"), "hello");
        Files.createDirectories(dir.resolve("chunks").resolve("zz"));
        store.close();

        store = FileChunkStore.open(dir, 0);

        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.list(null, 10)).containsExactly(real);
    }

    @Test
    void verifyDetectsACorruptedFileAndAPutHealsIt() throws IOException {
        byte[] data = random(70_000, 40);
        ChunkId id = put(data).id();
        assertThat(store.verify(id).result()).isEqualTo(ChunkVerification.OK);

        byte[] rotten = data.clone();
        rotten[65_537] ^= 0x10;
        Files.write(store.pathOf(id), rotten);
        assertThat(store.verify(id)).isEqualTo(new ChunkCheck(ChunkVerification.CORRUPT, generationOnDisk(id)));

        put(data);
        assertThat(store.verify(id).result()).isEqualTo(ChunkVerification.OK);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(data.length);
    }

    @Test
    void concurrentPutsOfTheSameAndOfDifferentChunksAllSucceed() throws Exception {
        byte[] shared = random(150_000, 50);
        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            distinct.add(random(20_000 + i, 51 + i));
        }
        List<Callable<StoredChunk>> tasks = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            byte[] own = distinct.get(i);
            tasks.add(() -> put(shared));
            tasks.add(() -> put(own));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<StoredChunk> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isNotNull();
            }
        }

        ChunkId sharedId = Sha256.of(shared);
        assertThat(Files.readAllBytes(store.pathOf(sharedId))).isEqualTo(shared);
        assertThat(store.verify(sharedId).result()).isEqualTo(ChunkVerification.OK);
        assertThat(store.chunkCount()).isEqualTo(33);
        assertThat(store.usedBytes()).isEqualTo(shared.length + distinct.stream().mapToLong(d -> d.length).sum());
        assertThat(tempFiles()).isEmpty();
        assertThat(filesUnder("chunks")).hasSize(33);
    }

    @Test
    void aDirectoryCanBeOpenedByOneStoreAtATime() throws IOException {
        assertThatThrownBy(() -> FileChunkStore.open(dir, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");

        store.close();
        store = FileChunkStore.open(dir, 0);
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(() -> store.stat(Sha256.of(new byte[0]))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewStoreGetsAnIdentityThatLastsUntilItsChunksAreWiped() throws IOException {
        String id = store.storeId();
        Path file = dir.resolve("chunks").resolve("store-id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(Files.readString(file).strip()).isEqualTo(id);
        put(random(10, 60));

        store.close();
        store = FileChunkStore.open(dir, 0);
        assertThat(store.storeId()).isEqualTo(id);
        assertThat(store.chunkCount()).isEqualTo(1);

        store.close();
        try (Stream<Path> tree = Files.walk(dir.resolve("chunks"))) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        store = FileChunkStore.open(dir, 0);
        assertThat(store.storeId()).isNotEqualTo(id);
        assertThat(store.chunkCount()).isZero();
    }

    @Test
    void aStoreFromBeforeIdentitiesGetsOneAndKeepsItsChunks() throws IOException {
        StoredChunk chunk = put(random(10, 61));
        store.close();
        Files.delete(dir.resolve("chunks").resolve("store-id"));

        store = FileChunkStore.open(dir, 0);

        assertThat(UUID.fromString(store.storeId())).isNotNull();
        assertThat(Files.readString(dir.resolve("chunks").resolve("store-id")).strip()).isEqualTo(store.storeId());
        assertThat(store.list(null, 10)).containsExactly(chunk);
    }

    @Test
    void aStoreIdFileThatHoldsNoIdIsRefused() throws IOException {
        store.close();
        Files.writeString(dir.resolve("chunks").resolve("store-id"), "not an id");

        assertThatThrownBy(() -> FileChunkStore.open(dir, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store-id");
        Files.delete(dir.resolve("chunks").resolve("store-id"));
        store = FileChunkStore.open(dir, 0);
    }

    @Test
    void everyPutGetsALargerGenerationThanAnyBefore() throws IOException {
        byte[] data = random(1_000, 62);
        long last = 0;
        for (int i = 0; i < 200; i++) {
            StoredChunk stored = put(i % 2 == 0 ? data : random(100, 63 + i));
            assertThat(stored.generation()).isGreaterThan(last);
            assertThat(stored.generation()).isEqualTo(generationOnDisk(stored.id()));
            last = stored.generation();
        }
        assertThat(store.stat(Sha256.of(data)).orElseThrow().generation()).isEqualTo(generationOnDisk(Sha256.of(data)));
    }

    @Test
    void generationsSurviveAReopenAndStayAheadOfTheNewestFile() throws IOException {
        StoredChunk kept = put(random(10, 70));
        StoredChunk ahead = put(random(10, 71));
        // A file stamped an hour ahead (a clock that went back since, or a file copied in): later puts must still
        // get larger generations.
        long future = ahead.generation() + TimeUnit.HOURS.toNanos(1);
        Files.setLastModifiedTime(store.pathOf(ahead.id()), FileTime.from(future, TimeUnit.NANOSECONDS));
        store.close();

        store = FileChunkStore.open(dir, 0);

        assertThat(store.stat(kept.id())).contains(kept);
        assertThat(store.stat(ahead.id()).orElseThrow().generation()).isEqualTo(future);
        assertThat(put(random(10, 72)).generation()).isGreaterThan(future);
    }

    @Test
    void concurrentPutsOfOneChunkLeaveTheFileOfTheLargestGenerationAnswered() throws Exception {
        byte[] data = random(50_000, 73);
        ChunkId id = Sha256.of(data);
        for (int round = 0; round < 50; round++) {
            List<Callable<StoredChunk>> puts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                puts.add(() -> put(data));
            }
            long largest;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                largest = 0;
                for (Future<StoredChunk> f : pool.invokeAll(puts)) {
                    largest = Math.max(largest, f.get().generation());
                }
            }
            assertThat(generationOnDisk(id)).as("round %d", round).isEqualTo(largest);
        }
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(data.length);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aPutRacingADeleteOfTheOlderGenerationAlwaysSurvives() throws Exception {
        ChunkStoreChecks.aPutRacingADeleteOfTheOlderGenerationAlwaysSurvives(store, random(20_000, 74), 300);
    }

    @Test
    void aQuarantinedChunkIsMovedAsideAndNeitherListedCountedNorServed() throws IOException {
        byte[] data = random(3_000, 75);
        StoredChunk chunk = put(data);
        StoredChunk other = put(random(100, 76));
        Files.write(store.pathOf(chunk.id()), random(3_000, 77));
        long corrupt = generationOnDisk(chunk.id());

        assertThat(store.quarantine(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.CHANGED);
        assertThat(store.quarantine(chunk.id(), corrupt)).isEqualTo(DeleteOutcome.DELETED);

        Path aside = dir.resolve("quarantine").resolve(chunk.id().hex() + "." + corrupt);
        assertThat(store.quarantineDir().resolve(aside.getFileName())).isEqualTo(aside.toAbsolutePath());
        assertThat(Files.readAllBytes(aside)).isEqualTo(random(3_000, 77));
        assertThat(store.stat(chunk.id())).isEmpty();
        assertThat(store.list(null, 10)).containsExactly(other);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(store.usedBytes()).isEqualTo(100);
        assertThatThrownBy(() -> store.open(chunk.id(), 0, 1)).isInstanceOf(CairnException.class);

        store.close();
        store = FileChunkStore.open(dir, 0);
        assertThat(store.chunkCount()).isEqualTo(1);
        assertThat(Files.exists(aside)).isTrue();
        // A good copy can be written again beside the quarantined one.
        assertThat(put(data).generation()).isGreaterThan(chunk.generation());
    }

    @Test
    void aPutThatWouldEatIntoTheReserveIsRefusedBeforeAnythingIsWritten() throws IOException {
        store.close();
        store = FileChunkStore.open(dir, 1);
        byte[] data = random(1_000, 78);
        assertThat(store.reserveBytes()).isEqualTo(store.capacityBytes());

        assertThatThrownBy(() -> store.put(Sha256.of(data), new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        }, data.length)).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
            assertThat(e.getMessage()).contains("free", "another node");
        });

        assertThat(filesUnder("chunks")).isEmpty();
        assertThat(store.chunkCount()).isZero();
        store.close();
        store = FileChunkStore.open(dir, 0.01);
        assertThat(store.reserveBytes()).isEqualTo((long) (store.capacityBytes() * 0.01));
        assertThat(put(data).size()).isEqualTo(data.length);
        assertThatThrownBy(() -> FileChunkStore.open(dir.resolve("x"), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
