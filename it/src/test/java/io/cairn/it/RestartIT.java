package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole cluster stopped and started again on its data directory keeps every file, version and node. */
class RestartIT {
    @TempDir
    Path dir;

    @Test
    void everythingSurvivesARestartOnNewPorts() throws Exception {
        byte[] v1 = Data.random(2 * TestClusters.CHUNK + 3, 1);
        byte[] v2 = Data.random(TestClusters.CHUNK / 2, 2);
        String clusterId;
        try (LocalCluster cluster = TestClusters.start(dir)) {
            Http http = new Http(cluster.url());
            assertThat(http.put(Http.file("kept/doc"), v1).status()).isEqualTo(201);
            assertThat(http.put(Http.file("kept/doc"), v2).status()).isEqualTo(201);
            clusterId = http.get("/status").json().get("cluster_id").asText();
        }
        // Ephemeral ports: every node comes back at a new address and must re-register under its old id.
        try (LocalCluster cluster = TestClusters.start(dir)) {
            Http http = new Http(cluster.url());
            assertThat(http.get("/status").json().get("cluster_id").asText()).isEqualTo(clusterId);
            assertThat(http.get("/nodes").json().get("nodes")).hasSize(3);
            assertThat(http.get(Http.download("kept/doc")).body()).isEqualTo(v2);
            assertThat(http.get(Http.download("kept/doc") + "?version=1").body()).isEqualTo(v1);
            assertThat(http.get("/status").json().get("total_versions").asLong()).isEqualTo(2);
            // New uploads deduplicate against chunks stored before the restart.
            assertThat(http.put(Http.file("again"), v1).json().get("deduplicated_chunks").asInt()).isEqualTo(3);
        }
    }
}
