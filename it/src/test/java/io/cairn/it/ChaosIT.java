package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.chunk.ChunkVerification;
import io.cairn.chunk.DeleteOutcome;
import io.cairn.chunk.RoutedChunkStore;
import io.cairn.chunk.StoredChunk;
import io.cairn.core.ChunkId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed workload (uploads, downloads, deletes) on five nodes (R=2) while nodes are stopped and restarted and chunk
 * copies (files, volume records) are corrupted or lost, for a bounded time; at most one node down and one damaged copy per chunk at a time,
 * so no acknowledged byte may be lost. At the end every acknowledged file is present and identical, every deleted one
 * gone, no read ever returned wrong bytes, and the cluster is back at full redundancy. Prints what it did.
 */
class ChaosIT {
    static final Duration CHAOS = Duration.ofSeconds(25);

    @TempDir
    Path dir;
    LocalCluster cluster;
    final Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger failedUploads = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger unavailableReads = new AtomicInteger();
    final AtomicInteger wrongReads = new AtomicInteger();
    final AtomicInteger kills = new AtomicInteger();
    final AtomicInteger restarts = new AtomicInteger();
    final AtomicInteger corruptions = new AtomicInteger();
    final AtomicInteger removals = new AtomicInteger();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void acknowledgedDataSurvivesKillsRestartsAndCorruptionAndRedundancyComesBack() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 5, 0, TestClusters.settings());
        Http http = new Http(cluster.url());
        AtomicBoolean running = new AtomicBoolean(true);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int worker = w;
                workers.add(pool.submit(() -> workload(http, worker, running)));
            }
            Future<?> chaos = pool.submit(() -> {
                chaos(running);
                return null;
            });
            Thread.sleep(CHAOS.toMillis());
            running.set(false);
            chaos.get();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (cluster.node(i) == null) {
                cluster.startNode(i);
            }
        }
        // A flipped byte in a copy nobody read is found by the node's scrubber, which passes once an hour by default.
        try (ExecutorService scrubs = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < cluster.nodeCount(); i++) {
                io.cairn.node.StorageNode node = cluster.node(i);
                scrubs.submit(() -> {
                    node.scrubNow();
                    return null;
                });
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(fewestIntactCopies(http)).as(weakest::toString).isGreaterThanOrEqualTo(2);
            assertThat(http.get("/recovery/status").json().get("under_replicated_chunks").asLong()).isZero();
        });
        acknowledged.forEach((name, content) -> assertThat(http.get(Http.download(name)).body()).as(name)
                .isEqualTo(content));
        for (String name : deleted) {
            assertThat(http.get(Http.download(name)).status()).as(name).isEqualTo(404);
        }
        System.out.printf("chaos: %d node kills, %d restarts, %d chunk copies corrupted, %d lost; %d uploads "
                        + "(%d refused), %d reads (%d unavailable, %d wrong), %d files checked, %d deletes checked%n",
                kills.get(), restarts.get(), corruptions.get(), removals.get(), uploads.get(), failedUploads.get(),
                reads.get(), unavailableReads.get(), wrongReads.get(), acknowledged.size(), deleted.size());
        assertThat(wrongReads).hasValue(0);
        assertThat(kills.get() + corruptions.get() + removals.get()).isPositive();
        assertThat(acknowledged).isNotEmpty();
    }

    private Void workload(Http http, int worker, AtomicBoolean running) {
        Random random = new Random(worker);
        int i = 0;
        while (running.get()) {
            int action = random.nextInt(10);
            List<String> names = new ArrayList<>(acknowledged.keySet());
            if (action < 5 || names.isEmpty()) {
                String name = "w" + worker + "-" + i++;
                byte[] content = Data.random(random.nextInt(2 * TestClusters.CHUNK) + 1, worker * 100_000L + i);
                uploads.incrementAndGet();
                if (http.put(Http.file(name), content).status() == 201) {
                    acknowledged.put(name, content);
                } else {
                    failedUploads.incrementAndGet();
                }
            } else if (action < 9) {
                String name = names.get(random.nextInt(names.size()));
                byte[] expected = acknowledged.get(name);
                Http.Response got = http.get(Http.download(name));
                reads.incrementAndGet();
                if (got.status() == 200 && got.body().length == expected.length) {
                    if (!Arrays.equals(got.body(), expected)) {
                        wrongReads.incrementAndGet();
                    }
                } else {
                    unavailableReads.incrementAndGet();
                }
            } else {
                String name = names.get(random.nextInt(names.size()));
                if (name.startsWith("w" + worker + "-") && http.delete(Http.file(name)).status() == 200) {
                    acknowledged.remove(name);
                    deleted.add(name);
                }
            }
        }
        return null;
    }

    /** Every second or so, one fault: at most one node down, at most one damaged copy of any chunk. */
    private void chaos(AtomicBoolean running) throws Exception {
        Random random = new Random(42);
        Set<String> damaged = new HashSet<>();
        int down = -1;
        while (running.get()) {
            Thread.sleep(700 + random.nextInt(800));
            int fault = random.nextInt(4);
            if (fault == 0 && down < 0) {
                down = random.nextInt(cluster.nodeCount());
                cluster.stopNode(down);
                kills.incrementAndGet();
            } else if (fault == 1 && down >= 0) {
                cluster.startNode(down);
                down = -1;
                restarts.incrementAndGet();
            } else if (fault >= 2) {
                int node = random.nextInt(cluster.nodeCount());
                if (node == down) {
                    continue;
                }
                RoutedChunkStore store = cluster.node(node).store();
                List<StoredChunk> held = store.list(null, 100_000);
                if (held.isEmpty()) {
                    continue;
                }
                StoredChunk victim = held.get(random.nextInt(held.size()));
                RoutedChunkStore.StoredBytes where = store.locate(victim.id()).orElse(null);
                if (where == null || where.length() == 0 || !damaged.add(victim.id().hex())) {
                    continue;
                }
                if (fault == 2) {
                    flip(where, random);
                    corruptions.incrementAndGet();
                } else if (store.delete(victim.id(), victim.generation()) == DeleteOutcome.DELETED) {
                    // Lost behind the controller's back: a file deleted, or a record gone from a volume.
                    removals.incrementAndGet();
                }
            }
        }
    }

    /** Flips one byte of a chunk where its store keeps it (a file of its own, or a record in a volume). */
    private static void flip(RoutedChunkStore.StoredBytes where, Random random) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(where.file().toFile(), "rw")) {
            long at = where.offset() + (long) (random.nextDouble() * where.length());
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x5A);
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            // Deleted meanwhile by a garbage collection or a trim: nothing to damage.
        }
    }

    /** Which chunk had the fewest intact copies at the last look, and what the metadata says of it. */
    private final StringBuilder weakest = new StringBuilder();

    /** The fewest intact copies on the nodes of any chunk of an acknowledged file. */
    private int fewestIntactCopies(Http http) throws IOException {
        Set<String> needed = new HashSet<>();
        for (String name : acknowledged.keySet()) {
            for (JsonNode chunk : http.get(Http.file(name) + "/chunks").json().get("chunks")) {
                needed.add(chunk.get("id").asText());
            }
        }
        // Counted by each running node's store re-hashing its copy (all nodes run again when this is asked).
        Map<String, Integer> intact = new ConcurrentHashMap<>();
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (cluster.node(i) == null) {
                continue;
            }
            for (String id : needed) {
                if (cluster.node(i).store().verify(new ChunkId(id)).result() == ChunkVerification.OK) {
                    intact.merge(id, 1, Integer::sum);
                }
            }
        }
        String worst = needed.stream().min(java.util.Comparator.comparingInt(id -> intact.getOrDefault(id, 0)))
                .orElse(null);
        weakest.setLength(0);
        if (worst != null) {
            weakest.append("chunk ").append(worst).append(": ").append(intact.getOrDefault(worst, 0))
                    .append(" intact copies; ").append(cluster.controller().controller().metadata().reader()
                            .chunk(new ChunkId(worst)).map(Object::toString).orElse("no record"));
        }
        return worst == null ? 2 : intact.getOrDefault(worst, 0);
    }
}
