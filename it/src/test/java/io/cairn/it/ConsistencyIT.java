package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write consistency levels through the REST API: a quorum write survives the loss of a node holding one of its
 * acknowledged copies right after the acknowledgement, a bucket set to "one" acknowledges after one copy, and either
 * way the cluster converges to the replication factor.
 */
class ConsistencyIT {
    @TempDir
    Path dir;
    LocalCluster cluster;
    Http http;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The fewest copies on healthy nodes of any chunk listed at {@code chunksPath}. */
    int healthyCopiesEverywhere(String chunksPath) {
        int fewest = Integer.MAX_VALUE;
        for (JsonNode chunk : http.get(chunksPath).json().get("chunks")) {
            int healthy = 0;
            for (JsonNode replica : chunk.get("replicas")) {
                healthy += replica.get("healthy").asBoolean() ? 1 : 0;
            }
            fewest = Math.min(fewest, healthy);
        }
        return fewest;
    }

    @Test
    void aQuorumWriteSurvivesTheLossOfAnAcknowledgedCopyAndConvergesToThreeCopies() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 4, 0, TestClusters.settings());
        http = new Http(cluster.url());
        byte[] content = Data.random(4 * TestClusters.CHUNK + 5, 61);
        Http.Response put = http.send(http.request("/files/quorum?replication_factor=3")
                .header("X-Cairn-Consistency", "quorum").PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        // The worst moment: right after the acknowledgement, a node holding one of the first chunk's copies dies.
        String victim = http.get(Http.file("quorum") + "/chunks").json().get("chunks").get(0).get("replicas").get(0)
                .get("url").asText();
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (victim.endsWith(":" + cluster.node(i).port())) {
                cluster.stopNode(i);
            }
        }
        assertThat(http.get(Http.download("quorum")).body()).isEqualTo(content);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> healthyCopiesEverywhere("/files/quorum/chunks") >= 3);
        assertThat(http.get(Http.download("quorum")).body()).isEqualTo(content);
    }

    /**
     * "one" promises a single durable copy at the acknowledgement: the write survives when a node holding none of the
     * copies recorded at that moment dies (one still being written, if it was chosen), and the replication comes back
     * by the late copies being recorded or by repair.
     */
    @Test
    void aOneWriteSurvivesTheLossOfANodeItDidNotWaitForAndConvergesToThreeCopies() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 4, 0, TestClusters.settings());
        http = new Http(cluster.url());
        byte[] content = Data.random(TestClusters.CHUNK, 63);
        Http.Response put = http.send(http.request("/files/one?replication_factor=3")
                .header("X-Cairn-Consistency", "one").PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        // The copies recorded at once are those the acknowledgement counted; kill a node holding none of them.
        java.util.Set<String> acknowledged = new java.util.HashSet<>();
        for (JsonNode chunk : http.get("/files/one/chunks").json().get("chunks")) {
            chunk.get("replicas").forEach(r -> acknowledged.add(r.get("url").asText()));
        }
        boolean killed = false;
        for (int i = 0; i < cluster.nodeCount() && !killed; i++) {
            if (!acknowledged.contains(cluster.node(i).url())) {
                cluster.stopNode(i);
                killed = true;
            }
        }
        assertThat(killed).as("one chunk has at most three copies among four nodes").isTrue();
        assertThat(http.get(Http.download("one")).body()).isEqualTo(content);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> healthyCopiesEverywhere("/files/one/chunks") >= 3);
        assertThat(http.get(Http.download("one")).body()).isEqualTo(content);
    }

    @Test
    void aBucketSetToOneAcknowledgesAndTheOtherCopiesFollow() throws Exception {
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 3, 0, TestClusters.settings());
        http = new Http(cluster.url());
        assertThat(http.put("/buckets/fast", new byte[0]).status()).isEqualTo(201);
        Http.Response set = http.put("/buckets/fast/consistency", "{\"consistency\":\"one\"}".getBytes());
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("consistency").asText()).isEqualTo("ONE");
        Http.Response bad = http.put("/buckets/fast/consistency", "{\"consistency\":\"some\"}".getBytes());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("strong, quorum or one");

        byte[] content = Data.random(6 * TestClusters.CHUNK, 62);
        assertThat(http.put("/files/one?bucket=fast", content).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> healthyCopiesEverywhere("/files/one/chunks?bucket=fast") >= 2);
        assertThat(http.get("/download/one?bucket=fast").body()).isEqualTo(content);
        JsonNode buckets = http.get("/buckets").json().get("buckets");
        assertThat(buckets.findValuesAsText("consistency")).contains("ONE", "STRONG");
    }
}
