package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small objects (their chunks appended to the nodes' volume files, one fsync per batch of writers) written by many
 * clients at once, with every storage node killed by SIGKILL in the middle, twice: after each restart every object
 * whose upload was acknowledged reads back byte for byte. Real OS processes through {@code ./cairn}.
 */
class SmallObjectKillIT {
    private static final int NODES = 3;
    private static final int WRITERS = 12;
    private static final Map<String, String> ENV = Map.of("HEALTH_CHECK_INTERVAL", "200ms", "NODE_TIMEOUT", "3s",
            "CAIRN_JAVA_OPTS", "-Xmx256m", "S3_PORT", "0");

    @TempDir
    static Path dir;
    static Processes processes;
    static Http http;
    static String controllerUrl;
    static final List<Process> nodes = new ArrayList<>();
    static final List<Integer> nodePorts = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        processes = new Processes(dir);
        controllerUrl = processes.startController(ENV, dir.resolve("controller"));
        for (int i = 0; i < NODES; i++) {
            nodePorts.add(Processes.freePort());
            nodes.add(null);
            startNode(i, 0);
        }
        http = new Http(controllerUrl);
        awaitHealthyNodes();
    }

    private static void startNode(int i, int run) throws Exception {
        nodes.set(i, processes.start("node" + i + "-" + run, ENV, "node", "--controller", controllerUrl, "--port",
                Integer.toString(nodePorts.get(i)), "--host", "127.0.0.1", "--data",
                dir.resolve("node" + i).toString()));
    }

    private static void awaitHealthyNodes() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/status").json().get("healthy_nodes").asInt() == NODES);
    }

    @AfterAll
    static void stopCluster() {
        processes.close();
    }

    @Test
    void everyAcknowledgedSmallObjectSurvivesTheSigkillOfEveryNode() throws Exception {
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger names = new AtomicInteger();
        for (int run = 1; run <= 2; run++) {
            int before = acknowledged.size();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger failed = new AtomicInteger();
            try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    running.add(writers.submit(() -> {
                        while (!stop.get()) {
                            int n = names.incrementAndGet();
                            byte[] content = Data.random(1 + new Random(n).nextInt(12 * 1024), n);
                            String name = "small/" + n;
                            try {
                                if (http.put(Http.file(name), content).status() == 201) {
                                    acknowledged.put(name, content);
                                } else {
                                    failed.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                failed.incrementAndGet(); // the connection broke: not acknowledged
                            }
                        }
                        return null;
                    }));
                }
                // Kill in the middle of the stream of writes, every node at once.
                await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= before + 300);
                for (Process node : nodes) {
                    Processes.kill(node);
                }
                Thread.sleep(500);
                stop.set(true);
                for (Future<?> writer : running) {
                    writer.get();
                }
            }
            System.out.printf("run %d: %d small objects acknowledged in all, %d writes failed around the kill%n", run,
                    acknowledged.size(), failed.get());
            assertThat(volumeBytes()).as("the small chunks are in volumes").isPositive();
            for (int i = 0; i < NODES; i++) {
                startNode(i, run);
            }
            for (int i = 0; i < NODES; i++) {
                // The controller's count may still include the killed processes: ask each new one.
                processes.awaitHealthy("http://127.0.0.1:" + nodePorts.get(i) + "/health", Duration.ofSeconds(90),
                        "node" + i + "-" + run);
            }
            awaitHealthyNodes();
            for (Map.Entry<String, byte[]> object : acknowledged.entrySet()) {
                Http.Response read = http.get(Http.download(object.getKey()));
                assertThat(read.status()).as(object.getKey() + ": " + read).isEqualTo(200);
                assertThat(read.body()).as(object.getKey()).isEqualTo(object.getValue());
            }
        }
    }

    private static long volumeBytes() throws Exception {
        long total = 0;
        for (int i = 0; i < NODES; i++) {
            try (Stream<Path> files = Files.list(dir.resolve("node" + i).resolve("chunks").resolve("volumes"))) {
                for (Path file : files.toList()) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }
}
