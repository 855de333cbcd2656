package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-healing through the public API on an in-JVM cluster of four nodes (R=2) with fast keeper settings: a node
 * lost for good, a drain and removal under load, garbage collection measured on the nodes' disks, and corruption.
 */
class SelfHealingIT {
    @TempDir
    Path dir;
    LocalCluster cluster;
    Http http;
    final Map<String, byte[]> files = new LinkedHashMap<>();

    void start(int nodes) throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, nodes, 0, TestClusters.settings());
        http = new Http(cluster.url());
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    void upload(int count, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String name = "f" + seed + "-" + i;
            byte[] content = Data.random(random.nextInt(3 * TestClusters.CHUNK) + 1, seed * 1000 + i);
            assertThat(http.put(Http.file(name), content).status()).isEqualTo(201);
            files.put(name, content);
        }
    }

    void assertAllDownloadIdentical() {
        files.forEach((name, content) -> assertThat(http.get(Http.download(name)).body()).as(name).isEqualTo(content));
    }

    /** The fewest copies on healthy nodes any chunk of any file has, as the REST API reports them. */
    int fewestHealthyCopies() {
        int fewest = Integer.MAX_VALUE;
        for (String name : files.keySet()) {
            for (JsonNode chunk : http.get(Http.file(name) + "/chunks").json().get("chunks")) {
                int healthy = 0;
                for (JsonNode replica : chunk.get("replicas")) {
                    healthy += replica.get("healthy").asBoolean() ? 1 : 0;
                }
                fewest = Math.min(fewest, healthy);
            }
        }
        return fewest;
    }

    Set<String> urlsHolding(String name) {
        Set<String> urls = new HashSet<>();
        for (JsonNode chunk : http.get(Http.file(name) + "/chunks").json().get("chunks")) {
            chunk.get("replicas").forEach(r -> urls.add(r.get("url").asText()));
        }
        return urls;
    }

    JsonNode recovery() {
        return http.get("/recovery/status").json();
    }

    @Test
    void aNodeLostForGoodIsReplacedByItself() throws Exception {
        start(4);
        upload(12, 1);
        String lost = cluster.node(0).url();
        cluster.stopNode(0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(fewestHealthyCopies()).isGreaterThanOrEqualTo(2);
            JsonNode status = recovery();
            assertThat(status.get("under_replicated_chunks").asLong()).isZero();
            assertThat(status.get("repairs_done").asLong()).isPositive();
        });
        for (String name : files.keySet()) {
            for (JsonNode chunk : http.get(Http.file(name) + "/chunks").json().get("chunks")) {
                long onLiveNodes = 0;
                for (JsonNode replica : chunk.get("replicas")) {
                    onLiveNodes += replica.get("url").asText().equals(lost) ? 0 : 1;
                }
                assertThat(onLiveNodes).as(name).isGreaterThanOrEqualTo(2);
            }
        }
        assertAllDownloadIdentical();
        assertThat(new String(http.get("/metrics").body())).contains("cairn_repair_copies_total");
    }

    @Test
    void aNodeIsDrainedAndRemovedUnderLoadWithNoChunkEverBelowTwoCopies() throws Exception {
        start(4);
        upload(10, 2);
        String drained = cluster.node(1).nodeId().value();
        String drainedUrl = cluster.node(1).url();
        assertThat(http.delete("/nodes/" + drained).status()).isEqualTo(409);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        List<String> names = new ArrayList<>(files.keySet());
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            Random random = new Random(3);
            int i = 0;
            while (running.get()) {
                String name = names.get(random.nextInt(names.size()));
                if (!java.util.Arrays.equals(http.get(Http.download(name)).body(), files.get(name))) {
                    failures.incrementAndGet();
                }
                byte[] fresh = Data.random(random.nextInt(TestClusters.CHUNK) + 1, 900 + i);
                if (http.put(Http.file("load-" + i++), fresh).status() != 201) {
                    failures.incrementAndGet();
                }
            }
        });
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                fewest.accumulateAndGet(fewestHealthyCopies(), Math::min);
            }
        });
        Http.Response drain = http.send(http.request("/nodes/" + drained + "/drain")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(drain.status()).as(drain.toString()).isEqualTo(200);
        assertThat(drain.json().get("state").asText()).isEqualTo("draining");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String name : names) {
                assertThat(urlsHolding(name)).as(name).doesNotContain(drainedUrl);
            }
            assertThat(http.delete("/nodes/" + drained).status()).isEqualTo(200);
        });
        running.set(false);
        load.get();
        watch.get();
        assertThat(failures).hasValue(0);
        assertThat(fewest.get()).isGreaterThanOrEqualTo(2);
        // The removed node still runs and keeps asking to register: it must stay out (heartbeats every 250 ms).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> !http.get("/nodes").json()
                .get("nodes").findValuesAsText("node_id").contains(drained));
        assertAllDownloadIdentical();
    }

    @Test
    void anAddedNodeIsFilledByTheBalancerWithNoChunkEverBelowTwoCopies() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 3, 0, TestClusters.settings().withNodeCapacity(32L << 20));
        http = new Http(cluster.url());
        for (int i = 0; i < 15; i++) {
            byte[] content = Data.random(2 * TestClusters.CHUNK, 300 + i);
            assertThat(http.put(Http.file("b" + i), content).status()).isEqualTo(201);
            files.put("b" + i, content);
        }
        int added = cluster.addNode();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                fewest.accumulateAndGet(fewestHealthyCopies(), Math::min);
            }
        });
        Http.Response rebalance = http.send(http.request("/rebalance")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(rebalance.status()).as(rebalance.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode report = http.send(http.request("/rebalance")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).json();
            assertThat(report.get("nodes")).hasSize(4);
            assertThat(report.get("balanced").asBoolean()).as(report.toString()).isTrue();
        });
        running.set(false);
        watch.get();
        assertThat(cluster.node(added).store().usedBytes()).isGreaterThan(8L << 20);
        assertThat(fewest.get()).isGreaterThanOrEqualTo(2);
        assertAllDownloadIdentical();
    }

    @Test
    void aFileIsCheckedAndRepairedOnRequest() throws Exception {
        start(3);
        byte[] content = Data.random(3 * TestClusters.CHUNK, 41);
        assertThat(http.put(Http.file("checked"), content).status()).isEqualTo(201);
        JsonNode first = http.get(Http.file("checked") + "/chunks").json().get("chunks").get(0);
        Path copy = chunkFile(first.get("id").asText(), first.get("replicas").get(0).get("url").asText());
        flip(copy, new Random(1));

        Http.Response repair = http.send(http.request(Http.file("checked") + "/repair")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(repair.status()).as(repair.toString()).isEqualTo(200);
        JsonNode report = repair.json();
        assertThat(report.get("chunks").asInt()).isEqualTo(3);
        assertThat(report.get("copies_checked").asInt()).isEqualTo(6);
        assertThat(report.get("copies_bad").asInt()).isEqualTo(1);
        assertThat(report.get("copies_added").asInt()).isEqualTo(1);
        assertThat(report.get("healthy").asBoolean()).isTrue();
        assertThat(report.get("repaired").get(0).get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(http.get(Http.download("checked")).body()).isEqualTo(content);
        assertThat(intactCopies()).allSatisfy((chunk, copies) -> assertThat(copies).isEqualTo(2));
    }

    /** Finds the chunk's file under the data directory of the node serving {@code nodeUrl}. */
    private Path chunkFile(String chunkId, String nodeUrl) throws IOException {
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (cluster.node(i) != null && nodeUrl.endsWith(":" + cluster.node(i).port())) {
                try (Stream<Path> walk = Files.walk(cluster.nodeDir(i))) {
                    return walk.filter(p -> p.getFileName().toString().equals(chunkId)).findFirst().orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no node at " + nodeUrl);
    }

    @Test
    void deletedDataComesBackAsFreeSpaceAndSharedChunksStay() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 3, 0, TestClusters.settings().withKeeper(TestClusters.FAST_GC));
        http = new Http(cluster.url());
        long before = usedOnNodes();
        byte[] big = Data.random(8 * TestClusters.CHUNK, 77);
        assertThat(http.put(Http.file("big"), big).status()).isEqualTo(201);
        assertThat(http.put(Http.file("copy-of-big"), big).status()).isEqualTo(201);
        byte[] alone = Data.random(6 * TestClusters.CHUNK, 78);
        assertThat(http.put(Http.file("alone"), alone).status()).isEqualTo(201);
        long full = usedOnNodes();
        assertThat(full - before).isEqualTo(2L * (big.length + alone.length));

        assertThat(http.delete(Http.file("big")).status()).isEqualTo(200);
        assertThat(http.delete(Http.file("alone")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> usedOnNodes() - before == 2L * big.length);
        assertThat(http.get(Http.download("copy-of-big")).body()).isEqualTo(big);
        JsonNode status = recovery();
        assertThat(status.get("reclaimed_bytes").asLong()).as(status.toString()).isEqualTo(2L * alone.length);
        assertThat(status.get("pending_delete_bytes").asLong()).isZero();
    }

    /** Aborted multipart uploads and uploads cut off midway leave chunk files behind; they go too. */
    @Test
    void abortedMultipartPartsAndInterruptedUploadsAreReclaimed() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 3, 0, TestClusters.settings().withKeeper(TestClusters.FAST_GC));
        http = new Http(cluster.url());
        long before = usedOnNodes();
        try (var s3 = S3Clients.sync(cluster.s3Url(), true, false)) {
            s3.createBucket(b -> b.bucket("parts"));
            String upload = s3.createMultipartUpload(b -> b.bucket("parts").key("big")).uploadId();
            for (int part = 1; part <= 2; part++) {
                int number = part;
                s3.uploadPart(b -> b.bucket("parts").key("big").uploadId(upload).partNumber(number),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(Data.random(5 << 20, 800 + number)));
            }
            assertThat(usedOnNodes() - before).isEqualTo(2L * (10 << 20));
            s3.abortMultipartUpload(b -> b.bucket("parts").key("big").uploadId(upload));
        }
        // An upload cut off midway: a client announces 6 chunks, sends 3 and drops the connection. The chunks it sent
        // reached the nodes; nothing was committed.
        long afterAbort = usedOnNodes();
        java.net.URI uri = java.net.URI.create(cluster.url());
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            var out = socket.getOutputStream();
            out.write(("PUT /files/cut-off HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + Http.basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET) + "\r\nContent-Length: "
                    + 6 * TestClusters.CHUNK + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(Data.random(3 * TestClusters.CHUNK, 900));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> usedOnNodes() > afterAbort);
        }
        long partial = usedOnNodes() - before;
        assertThat(http.get(Http.download("cut-off")).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> usedOnNodes() == before);
        System.out.println("reclaimed " + partial + " bytes of aborted multipart parts and of an upload cut off midway");
    }

    /** The leader dies while a lost node's chunks are being repaired: the next leader finishes from the indexes. */
    @Test
    void repairGoesOnAfterTheLeaderChanges() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 3, 4, 0, TestClusters.settings(),
                io.cairn.raft.ReadConsistency.LINEARIZABLE);
        http = new Http(cluster.url(0));
        upload(10, 6);
        String lost = cluster.node(2).url();
        cluster.stopNode(2);
        int leader = -1;
        for (int i = 0; i < 3; i++) {
            if (cluster.controller(i).controller().raft().isLeader()) {
                leader = i;
            }
        }
        assertThat(leader).isNotNegative();
        Thread.sleep(2_500); // the node turns unhealthy and the repair delay begins
        cluster.stopController(leader);
        http = new Http(cluster.url(leader == 0 ? 1 : 0));
        // Until a new leader is elected, reads may be refused: they are retried.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            for (String name : files.keySet()) {
                for (JsonNode chunk : http.get(Http.file(name) + "/chunks").json().get("chunks")) {
                    long live = 0;
                    for (JsonNode replica : chunk.get("replicas")) {
                        live += replica.get("healthy").asBoolean() && !replica.get("url").asText().equals(lost) ? 1 : 0;
                    }
                    assertThat(live).as(name).isGreaterThanOrEqualTo(2);
                }
            }
        });
        assertAllDownloadIdentical();
    }

    @Test
    void corruptAndDeletedChunkFilesAreFoundAndRepairedAndNeverServed() throws Exception {
        start(4);
        upload(10, 4);
        List<Path> chunkFiles = new ArrayList<>();
        for (int i = 0; i < cluster.nodeCount(); i++) {
            try (Stream<Path> walk = Files.walk(cluster.nodeDir(i).resolve("chunks"))) {
                walk.filter(p -> p.getFileName().toString().length() == 64).forEach(chunkFiles::add);
            }
        }
        Random random = new Random(5);
        java.util.Collections.shuffle(chunkFiles, random);
        // Damage one copy of a few chunks each: flipped bytes in some files, others deleted outright.
        Set<String> damaged = new HashSet<>();
        int flipped = 0;
        int deleted = 0;
        for (Path file : chunkFiles) {
            if (!damaged.add(file.getFileName().toString()) || damaged.size() > 8) {
                continue;
            }
            if (damaged.size() % 2 == 0) {
                flip(file, random);
                flipped++;
            } else {
                Files.delete(file);
                deleted++;
            }
        }
        assertAllDownloadIdentical();
        for (int i = 0; i < cluster.nodeCount(); i++) {
            cluster.node(i).scrubNow();
        }
        String damage = flipped + " flipped, " + deleted + " deleted";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(intactCopies()).as(damage).allSatisfy(
                    (chunk, copies) -> assertThat(copies).as(chunk).isGreaterThanOrEqualTo(2));
            assertThat(recovery().get("under_replicated_chunks").asLong()).isZero();
        });
        assertAllDownloadIdentical();
        assertThat(recovery().get("corrupt_copies_found").asLong()).isGreaterThanOrEqualTo(1);
    }

    private static void flip(Path file, Random random) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long at = (long) (random.nextDouble() * raf.length());
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xFF);
        }
    }

    /** For every chunk file on any node: how many nodes hold a copy whose bytes hash to its name. */
    private Map<String, Integer> intactCopies() throws IOException {
        Map<String, Integer> copies = new java.util.TreeMap<>();
        for (int i = 0; i < cluster.nodeCount(); i++) {
            try (Stream<Path> walk = Files.walk(cluster.nodeDir(i).resolve("chunks"))) {
                for (Path file : walk.filter(p -> p.getFileName().toString().length() == 64).toList()) {
                    String name = file.getFileName().toString();
                    boolean intact = Data.sha256(Files.readAllBytes(file)).equals(name);
                    copies.merge(name, intact ? 1 : 0, Integer::sum);
                }
            }
        }
        return copies;
    }

    private long usedOnNodes() {
        long used = 0;
        for (int i = 0; i < cluster.nodeCount(); i++) {
            used += cluster.node(i).store().usedBytes();
        }
        return used;
    }
}
