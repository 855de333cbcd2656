package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real OS processes started through {@code ./cairn}: a controller (with its gateway) and three
 * storage nodes, each its own JVM; nodes die by SIGKILL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessClusterIT {
    @TempDir
    static Path dir;
    static Processes processes;
    static Http http;
    static final List<Process> nodes = new ArrayList<>();
    static final List<Integer> nodePorts = new ArrayList<>();
    static final Map<String, String> ENV = Map.of("HEALTH_CHECK_INTERVAL", "200ms", "NODE_TIMEOUT", "3s",
            "CHUNK_SIZE", "1MiB", "CAIRN_JAVA_OPTS", "-Xmx256m", "S3_PORT", "0");

    @BeforeAll
    static void startCluster() throws Exception {
        processes = new Processes(dir);
        String url = processes.startController(ENV, dir.resolve("controller"));
        for (int i = 0; i < 3; i++) {
            int nodePort = Processes.freePort();
            nodePorts.add(nodePort);
            nodes.add(processes.start("node" + i, ENV, "node", "--controller", url, "--port", Integer.toString(nodePort),
                    "--host", "127.0.0.1", "--data", dir.resolve("node" + i).toString()));
        }
        http = new Http(url);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 3);
    }

    @AfterAll
    static void stopCluster() {
        processes.close();
    }

    @Test
    @Order(1)
    void aFileSurvivesTheSigkillOfAStorageNode() throws Exception {
        byte[] content = Data.random(5 * (1 << 20) + 3, 1);
        assertThat(http.put(Http.file("survivor.bin"), content).status()).isEqualTo(201);
        Processes.kill(nodes.get(0));
        assertThat(http.get(Http.download("survivor.bin")).body()).isEqualTo(content);
        await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 2);
        assertThat(http.get(Http.download("survivor.bin")).body()).isEqualTo(content);
    }

    @Test
    @Order(2)
    void aSigkillDuringALargeUploadEitherCommitsOnLiveNodesOrLeavesNothing() throws Exception {
        // Node 0 is dead since the previous test; bring a fresh node up so that killing one leaves two.
        int port = Processes.freePort();
        nodePorts.add(port);
        nodes.add(processes.start("node3", ENV, "node", "--controller", http.url(""), "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--data", dir.resolve("node3").toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 3);

        long size = 200L << 20;
        // About four seconds of upload; the node dies a second in.
        CompletableFuture<Http.Response> upload = CompletableFuture.supplyAsync(() -> http.putStream(
                Http.file("interrupted.bin"), Data.throttled(Data.stream(size, 9), 50L << 20), size));
        Thread.sleep(1000);
        Process victim = nodes.get(1);
        Processes.kill(victim);
        String victimUrl = "http://127.0.0.1:" + nodePorts.get(1);
        Http.Response response = upload.get();
        System.out.println("upload interrupted by a SIGKILL ended with " + response);
        if (response.status() == 201) {
            JsonNode chunks = http.get(Http.file("interrupted.bin") + "/chunks").json().get("chunks");
            Set<String> holders = new HashSet<>();
            chunks.forEach(c -> c.get("replicas").forEach(r -> holders.add(r.get("url").asText())));
            assertThat(holders).doesNotContain(victimUrl);
            assertThat(Data.sha256(http.get(Http.download("interrupted.bin")).body())).isEqualTo(Data.sha256(size, 9));
        } else {
            assertThat(response.status()).as(response.toString()).isGreaterThanOrEqualTo(500);
            assertThat(http.get(Http.download("interrupted.bin")).status()).isEqualTo(404);
            assertThat(http.get("/files?prefix=interrupted").json().get("files")).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aGatewayRunningAloneServesTheSameFiles() throws Exception {
        int port = Processes.freePort();
        processes.start("gateway", ENV, "gateway", "--controller", http.url(""), "--port", Integer.toString(port),
                "--host", "127.0.0.1");
        String url = "http://127.0.0.1:" + port;
        processes.awaitHealthy(url + "/health", Duration.ofSeconds(60), "gateway");
        Http gateway = new Http(url);
        byte[] content = Data.random(3 * (1 << 20) + 11, 33);
        assertThat(gateway.put(Http.file("through/gateway.bin"), content).status()).isEqualTo(201);
        assertThat(gateway.get(Http.download("through/gateway.bin")).body()).isEqualTo(content);
        // The controller's own gateway sees the same namespace, and the old file written through it too.
        assertThat(http.get(Http.download("through/gateway.bin")).body()).isEqualTo(content);
        assertThat(gateway.get("/files?prefix=survivor").json().get("files")).hasSize(1);
        assertThat(gateway.get("/nodes").json().get("nodes").size()).isEqualTo(4);
    }
}
