package io.cairn.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Parts of the {@link ChunkStore} contract every implementation's test checks the same way. */
final class ChunkStoreChecks {
    private ChunkStoreChecks() {
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static StoredChunk put(ChunkStore store, byte[] data) throws IOException {
        return store.put(Sha256.of(data), new ByteArrayInputStream(data), data.length);
    }

    static byte[] read(ChunkStore store, ChunkId id, long offset, long length) throws IOException {
        try (InputStream in = store.open(id, offset, length)) {
            return in.readAllBytes();
        }
    }

    /** A stream opened before a delete reads the whole chunk after it. */
    static void aReaderKeepsItsBytesWhenTheChunkIsDeletedUnderIt(ChunkStore store, byte[] data) throws IOException {
        StoredChunk chunk = put(store, data);
        try (InputStream in = store.open(chunk.id(), 0, data.length)) {
            assertThat(store.delete(chunk.id(), chunk.generation())).isEqualTo(DeleteOutcome.DELETED);
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    /** A body shorter or longer than declared, or a negative length, is a bad request and stores nothing. */
    static void wrongLengthsAreBadRequests(ChunkStore store, byte[] data) throws IOException {
        ChunkId id = Sha256.of(data);
        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(data), data.length + 1))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("ended after " + data.length + " of " + (data.length + 1));
                });
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(longer), data.length))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("longer");
                });
        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(data), -1))
                .isInstanceOf(CairnException.class);
        assertThat(store.stat(id)).isEmpty();
    }

    /** Ranges of a stored chunk of at least 100 bytes read exactly; ranges outside it are not satisfiable. */
    static void rangesReadExactlyTheAskedBytes(ChunkStore store, byte[] data) throws IOException {
        ChunkId id = put(store, data).id();
        int n = data.length;

        assertThat(read(store, id, 0, 0)).isEmpty();
        assertThat(read(store, id, n / 2, 0)).isEmpty();
        assertThat(read(store, id, n, 0)).isEmpty();
        assertThat(read(store, id, 0, 10)).isEqualTo(Arrays.copyOfRange(data, 0, 10));
        assertThat(read(store, id, n / 8, n / 2)).isEqualTo(Arrays.copyOfRange(data, n / 8, n / 8 + n / 2));
        assertThat(read(store, id, n - n / 10, n / 10)).isEqualTo(Arrays.copyOfRange(data, n - n / 10, n));
        assertThat(read(store, id, n - 1, 1)).containsExactly(data[n - 1]);
        for (long[] bad : new long[][] {{0, n + 1}, {n + 1, 0}, {n - 1, 2}, {-1, 1}, {0, -1}}) {
            assertThatThrownBy(() -> store.open(id, bad[0], bad[1]))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
        }
    }

    /** A chunk the store does not hold: not found, missing, absent. */
    static void aMissingChunkIsNotFound(ChunkStore store) throws IOException {
        ChunkId id = Sha256.of(new byte[] {1});

        assertThatThrownBy(() -> store.open(id, 0, 0))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store.stat(id)).isEmpty();
        assertThat(store.verify(id)).isEqualTo(new ChunkCheck(ChunkVerification.MISSING, 0));
        assertThat(store.delete(id, 1)).isEqualTo(DeleteOutcome.ABSENT);
        assertThat(store.quarantine(id, 1)).isEqualTo(DeleteOutcome.ABSENT);
    }

    /** The store holds exactly {@code ids} (at least 32): listed whole, and page by page, in id order. */
    static void listIsInIdOrderAndPages(ChunkStore store, List<ChunkId> ids) throws IOException {
        List<ChunkId> sorted = ids.stream().sorted().toList();
        List<StoredChunk> all = store.list(null, 1000);
        assertThat(all).extracting(StoredChunk::id).containsExactlyElementsOf(sorted);
        assertThat(all.get(0)).isEqualTo(store.stat(sorted.get(0)).orElseThrow());

        List<ChunkId> paged = new ArrayList<>();
        ChunkId after = null;
        for (List<StoredChunk> page; !(page = store.list(after, 7)).isEmpty(); ) {
            assertThat(page).hasSizeLessThanOrEqualTo(7);
            page.forEach(c -> paged.add(c.id()));
            after = page.getLast().id();
        }
        assertThat(paged).containsExactlyElementsOf(sorted);

        // `after` need not be a stored id: the page starts at the next id in order.
        ChunkId before = sorted.get(30);
        ChunkId between = new ChunkId(before.hex().substring(0, 63)
                + Character.forDigit(Math.min(15, Character.digit(before.hex().charAt(63), 16) + 1), 16));
        assertThat(store.list(between, 1).get(0).id()).isEqualTo(sorted.get(31));
        assertThat(store.list(sorted.getLast(), 10)).isEmpty();
        assertThatThrownBy(() -> store.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A put racing a delete of the generation before it always leaves its own copy, counted once. */
    static void aPutRacingADeleteOfTheOlderGenerationAlwaysSurvives(ChunkStore store, byte[] data, int rounds)
            throws Exception {
        ChunkId id = Sha256.of(data);
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < rounds; round++) {
                StoredChunk old = put(store, data);
                Future<StoredChunk> fresh = pool.submit(() -> {
                    start.await();
                    return put(store, data);
                });
                Future<DeleteOutcome> delete = pool.submit(() -> {
                    start.await();
                    return store.delete(id, old.generation());
                });

                StoredChunk written = fresh.get();
                assertThat(delete.get()).isIn(DeleteOutcome.DELETED, DeleteOutcome.CHANGED);
                assertThat(store.stat(id)).as("round %d", round).contains(written);
                assertThat(read(store, id, 0, data.length)).isEqualTo(data);
                assertThat(store.chunkCount()).isEqualTo(1);
                assertThat(store.usedBytes()).isEqualTo(data.length);
            }
        }
    }
}
