package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} says whether a process can serve, where {@code /health} says only that it is up: a cluster that has
 * lost the nodes its writes need is up and not ready, and ready again once they are back.
 */
class ReadinessIT {
    @TempDir
    static Path dir;
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aClusterWithoutEnoughNodesIsUpAndNotReadyUntilTheyReturn() throws Exception {
        Http anyone = new Http(cluster.url()).anonymous();
        Http.Response ready = anyone.get("/ready");
        assertThat(ready.status()).as("ready when start returns").isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
        assertThat(new Http(cluster.node(0).url()).anonymous().get("/ready").status()).as("a registered node")
                .isEqualTo(200);

        cluster.stopNode(1);
        cluster.stopNode(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> anyone.get("/ready").status() == 503);
        Http.Response waiting = anyone.get("/ready");
        assertThat(waiting.json().get("status").asText()).isEqualTo("not ready");
        assertThat(waiting.json().get("reason").asText()).contains("storage nodes").contains("need 2");
        assertThat(waiting.header("Retry-After")).isEqualTo("1");
        assertThat(anyone.get("/health").status()).as("up all the same").isEqualTo(200);

        cluster.startNode(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> anyone.get("/ready").status() == 200);
    }
}
