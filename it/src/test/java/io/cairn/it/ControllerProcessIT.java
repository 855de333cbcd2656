package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real OS processes: three controllers in a Raft group, three storage nodes and a gateway, each its
 * own JVM, nodes and gateway given every controller's URL. The leader dies by SIGKILL in the middle of a stream of
 * uploads through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerProcessIT {
    @TempDir
    static Path dir;
    static Processes processes;
    static final List<Process> controllers = new ArrayList<>();
    static final List<String> urls = new ArrayList<>();
    static final List<String> names = new ArrayList<>();
    static String peers;
    static Http gateway;
    static final Map<String, String> ENV = Map.of("HEALTH_CHECK_INTERVAL", "200ms", "NODE_TIMEOUT", "3s",
            "CHUNK_SIZE", "1MiB", "CAIRN_JAVA_OPTS", "-Xmx256m", "S3_PORT", "0");

    @BeforeAll
    static void startCluster() throws Exception {
        processes = new Processes(dir);
        List<String> peerList = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            urls.add("http://127.0.0.1:" + Processes.freePort());
            peerList.add("c" + i + "=127.0.0.1:" + Processes.freePort());
        }
        peers = String.join(",", peerList);
        for (int i = 0; i < 3; i++) {
            controllers.add(null);
            names.add(null);
            startController(i);
        }
        for (int i = 0; i < 3; i++) {
            processes.awaitHealthy(urls.get(i) + "/health", Duration.ofSeconds(90), names.get(i));
        }
        String all = String.join(",", urls);
        for (int i = 0; i < 3; i++) {
            processes.start("node" + i, ENV, "node", "--controller", all, "--port",
                    Integer.toString(Processes.freePort()), "--host", "127.0.0.1",
                    "--data", dir.resolve("node" + i).toString());
        }
        int gatewayPort = Processes.freePort();
        processes.start("gateway", ENV, "gateway", "--controller", all, "--port", Integer.toString(gatewayPort),
                "--host", "127.0.0.1");
        gateway = new Http("http://127.0.0.1:" + gatewayPort);
        processes.awaitHealthy(gateway.url("/health"), Duration.ofSeconds(60), "gateway");
        for (String url : urls) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> new Http(url).get("/status").json().get("healthy_nodes").asInt() == 3);
        }
    }

    /** Starts (or restarts) controller {@code i}; each start logs to a file of its own. */
    private static void startController(int i) throws Exception {
        String port = urls.get(i).substring(urls.get(i).lastIndexOf(':') + 1);
        String name = "c" + (i + 1) + (names.get(i) == null ? "" : "-restart");
        names.set(i, name);
        controllers.set(i, processes.start(name, ENV, "controller", "--id", "c" + (i + 1), "--port", port,
                "--host", "127.0.0.1", "--peers", peers, "--data", dir.resolve("controller" + (i + 1)).toString()));
    }

    @AfterAll
    static void stopCluster() {
        processes.close();
    }

    @Test
    @Order(1)
    void uploadsThroughTheGatewayGoOnWhenTheLeaderIsKilled() throws Exception {
        JsonNode leaderInfo = new Http(urls.getFirst()).get("/leader").json();
        int leader = Integer.parseInt(leaderInfo.get("leader").asText().substring(1)) - 1;
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstAfterKill = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new ArrayList<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; running.get(); i++) {
                byte[] content = Data.random(200_000 + i * 1000, i);
                long started = System.nanoTime();
                Http.Response r = gateway.put(Http.file("e2e/" + i), content);
                if (r.status() == 201) {
                    acknowledged.put("e2e/" + i, content);
                    if (killedAt.get() != 0 && started > killedAt.get() && firstAfterKill.get() == 0) {
                        firstAfterKill.set(System.nanoTime());
                    }
                } else {
                    synchronized (failures) {
                        failures.add(r.toString());
                    }
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 5);
        Processes.kill(controllers.get(leader));
        killedAt.set(System.nanoTime());
        int before = acknowledged.size();
        await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= before + 10);
        running.set(false);
        writer.join();
        System.out.printf("SIGKILL of leader c%d -> first upload begun after it acknowledged: %d ms "
                        + "(%d uploads acknowledged, %d refused: %s)%n", leader + 1,
                (firstAfterKill.get() - killedAt.get()) / 1_000_000, acknowledged.size(), failures.size(), failures);

        int survivor = (leader + 1) % 3;
        JsonNode now = new Http(urls.get(survivor)).get("/leader").json();
        assertThat(now.get("leader").asText()).isNotEqualTo("c" + (leader + 1));
        assertThat(now.get("term").asLong()).isGreaterThan(leaderInfo.get("term").asLong());

        // The killed controller restarts on its directory and catches up.
        startController(leader);
        processes.awaitHealthy(urls.get(leader) + "/health", Duration.ofSeconds(90), names.get(leader));
        Http restarted = new Http(urls.get(leader));
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.get("/leader/status").json()
                .get("applied_index").asLong() >= new Http(urls.get(survivor)).get("/leader/status").json()
                .get("commit_index").asLong());
        for (String url : List.of(gateway.url(""), urls.get(leader), urls.get(survivor))) {
            Http via = new Http(url);
            for (Map.Entry<String, byte[]> file : acknowledged.entrySet()) {
                assertThat(via.get(Http.download(file.getKey())).body()).as(file.getKey() + " via " + url)
                        .isEqualTo(file.getValue());
            }
            assertThat(via.get("/files?prefix=e2e/&limit=10000").json().get("files").size())
                    .isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    /** Membership through the CLI and the admin API: a fourth controller joins the running group, then leaves it. */
    @Test
    @Order(2)
    void aControllerIsAddedAndRemovedWithTheCli() throws Exception {
        String url = urls.getFirst();
        String address = "127.0.0.1:" + Processes.freePort();
        int httpPort = Processes.freePort();
        processes.start("c4", ENV, "controller", "--id", "c4", "--port", Integer.toString(httpPort),
                "--host", "127.0.0.1", "--peers", peers + ",c4=" + address, "--join",
                "--data", dir.resolve("controller4").toString());
        Process add = processes.start("cli-add", ENV, "admin", "controllers", "add", "c4=" + address, "--url", url);
        assertThat(add.waitFor()).as(processes.output("cli-add")).isZero();
        assertThat(processes.output("cli-add")).contains("c4");
        processes.awaitHealthy("http://127.0.0.1:" + httpPort + "/health", Duration.ofSeconds(90), "c4");
        Http c4 = new Http("http://127.0.0.1:" + httpPort);
        assertThat(new Http(url).get("/leader/status").json().get("peers")).hasSize(4);
        // The newcomer holds the metadata: a file written before it joined lists through it.
        assertThat(c4.get("/files?prefix=e2e/&limit=10").json().get("files").size()).isPositive();

        Process remove = processes.start("cli-remove", ENV, "admin", "controllers", "remove", "c4", "--url", url);
        assertThat(remove.waitFor()).as(processes.output("cli-remove")).isZero();
        assertThat(new Http(url).get("/admin/controllers").json().get("controllers")).hasSize(3);
    }
}
