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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Storage nodes that stop or hold corrupt bytes: reads fail over, writes refuse rather than under-replicate. */
class FailureIT {
    @TempDir
    Path dir;
    LocalCluster cluster;
    Http http;

    void start() throws Exception {
        start(true);
    }

    /** @param shortCircuit whether the gateway reaches its process's nodes through their stores or over HTTP */
    void start(boolean shortCircuit) throws Exception {
        cluster = shortCircuit ? TestClusters.start(dir) : TestClusters.startOverHttp(dir);
        http = new Http(cluster.url());
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "short circuit {0}")
    @ValueSource(booleans = {true, false})
    void everyFileStillDownloadsAfterANodeStopsAbruptly(boolean shortCircuit) throws Exception {
        start(shortCircuit);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] content = Data.random(TestClusters.CHUNK * (i % 4) + 1000 * i + 1, 500 + i);
            contents.add(content);
            assertThat(http.put(Http.file("f" + i), content).status()).isEqualTo(201);
        }
        cluster.stopNode(1);
        // Immediately (the controller still thinks the node is alive) and after it is marked unhealthy.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < contents.size(); i++) {
                assertThat(http.get(Http.download("f" + i)).body()).as("file f%d round %d", i, round)
                        .isEqualTo(contents.get(i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 2);
        }
        JsonNode nodes = http.get("/nodes").json().get("nodes");
        assertThat(nodes).hasSize(3);
        assertThat(nodes.findValuesAsText("status")).containsExactlyInAnyOrder("healthy", "healthy", "unhealthy");
        assertThat(http.get("/status").json().get("status").asText()).isEqualTo("degraded");
        // Placement avoids the dead node: new uploads still get two live replicas.
        byte[] fresh = Data.random(3 * TestClusters.CHUNK, 7);
        assertThat(http.put(Http.file("after"), fresh).status()).isEqualTo(201);
        String deadUrl = nodes.findParents("status").stream().filter(n -> n.get("status").asText().equals("unhealthy"))
                .findFirst().orElseThrow().get("url").asText();
        for (JsonNode chunk : http.get(Http.file("after") + "/chunks").json().get("chunks")) {
            assertThat(chunk.get("replicas")).hasSize(2);
            assertThat(chunk.get("replicas").findValuesAsText("url")).doesNotContain(deadUrl);
        }
        // The node comes back and is healthy again.
        cluster.startNode(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 3);
    }

    @ParameterizedTest(name = "short circuit {0}")
    @ValueSource(booleans = {true, false})
    void aCorruptReplicaIsSkippedAndReported(boolean shortCircuit) throws Exception {
        start(shortCircuit);
        // One chunk: read on the calling thread, its copies tried in the controller's order. With two, the second
        // chunk's read could be in flight on the first copy's node and make the reader try the other copy first.
        byte[] content = Data.random(TestClusters.CHUNK, 11);
        assertThat(http.put(Http.file("precious"), content).status()).isEqualTo(201);
        JsonNode first = http.get(Http.file("precious") + "/chunks").json().get("chunks").get(0);
        String chunkId = first.get("id").asText();
        String firstReplicaUrl = first.get("replicas").get(0).get("url").asText();
        Path copy = chunkFile(chunkId, firstReplicaUrl);
        try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
            file.seek(1000);
            file.write(new byte[] {1, 2, 3, 4, 5});
        }
        assertThat(http.get(Http.download("precious")).body()).isEqualTo(content);
        // The reader's report is checked with the node (which re-hashes and quarantines the file), the copy is
        // dropped, and the repair makes a new one: two intact copies again, possibly on the same node.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode replicas = http.get(Http.file("precious") + "/chunks").json().get("chunks").get(0).get("replicas");
            assertThat(replicas).hasSize(2);
            assertThat(!Files.exists(copy) || Data.sha256(Files.readAllBytes(copy)).equals(chunkId)).isTrue();
        });
        assertThat(new String(http.get("/metrics").body())).containsPattern("cairn_corrupt_copies_total\\S* 1\\.0");
        assertThat(http.get(Http.download("precious")).body()).isEqualTo(content);
    }

    @Test
    void fewerHealthyNodesThanTheReplicationFactorIsA503AndStoresNothing() throws Exception {
        start();
        cluster.stopNode(0);
        cluster.stopNode(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 1);
        Http.Response put = http.put(Http.file("doomed"), Data.random(3 * TestClusters.CHUNK, 3));
        assertThat(put.status()).isEqualTo(503);
        assertThat(put.json().get("error").asText()).isEqualTo("INSUFFICIENT_NODES");
        ApiIT.expectError(http.put(Http.file("tiny"), new byte[10]), 503, "INSUFFICIENT_NODES");
        assertThat(http.get("/files").json().get("files")).isEmpty();
        assertThat(http.get(Http.download("doomed")).status()).isEqualTo(404);
        assertThat(http.get("/status").json().get("status").asText()).isEqualTo("unavailable");
        // Replication factor 1 still fits on the one healthy node.
        assertThat(http.put("/files/single?replication_factor=1", new byte[] {1}).status())
                .isEqualTo(201);
    }

    @Test
    void aNodeDeadButNotYetNoticedCannotLeaveAChunkUnderReplicated() throws Exception {
        start();
        cluster.stopNode(2);
        // The controller still counts three healthy nodes; asking for three copies must fail, not commit two.
        Http.Response put = http.put("/files/three-copies?replication_factor=3", Data.random(3 * TestClusters.CHUNK, 8));
        assertThat(put.status()).as(put.toString()).isEqualTo(503);
        assertThat(http.get("/files").json().get("files")).isEmpty();
        // Two copies still fit on the two live nodes.
        assertThat(http.put(Http.file("two-copies"), Data.random(3 * TestClusters.CHUNK, 9)).status()).isEqualTo(201);
    }

    @Test
    void anUploadThatLosesANodeMidwayStillCommitsEveryChunkOnLiveNodes() throws Exception {
        start();
        long size = 8L * TestClusters.CHUNK;
        // About two seconds of upload; a node stops after the first chunks went out.
        var upload = java.util.concurrent.CompletableFuture.supplyAsync(() -> http.putStream(Http.file("survives"),
                Data.throttled(Data.stream(size, 12), 4L << 20), size));
        Thread.sleep(700);
        String stoppedUrl = cluster.node(0).url();
        cluster.stopNode(0);
        Http.Response response = upload.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        for (JsonNode chunk : http.get(Http.file("survives") + "/chunks").json().get("chunks")) {
            assertThat(chunk.get("replicas").findValuesAsText("url")).hasSize(2).doesNotContain(stoppedUrl);
        }
        assertThat(Data.sha256(http.get(Http.download("survives")).body())).isEqualTo(Data.sha256(size, 12));
    }

    /** Finds the chunk's file under the data directory of the node serving {@code nodeUrl}. */
    private Path chunkFile(String chunkId, String nodeUrl) throws IOException {
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (nodeUrl.endsWith(":" + cluster.node(i).port())) {
                try (Stream<Path> files = Files.walk(cluster.nodeDir(i))) {
                    return files.filter(p -> p.getFileName().toString().equals(chunkId)).findFirst().orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no node at " + nodeUrl);
    }
}
