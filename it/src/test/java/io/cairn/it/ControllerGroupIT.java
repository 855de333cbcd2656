package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three controllers in one Raft group (in one JVM, each with its own REST port, metadata and Raft log) and three
 * storage nodes: the leader stops during a stream of uploads; after it, every acknowledged upload is listed and reads
 * back identically on every controller, and the controllers hold identical metadata.
 */
class ControllerGroupIT {
    @TempDir
    Path dir;
    LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Also with internal TLS: the controllers' Raft over mutual TLS, every HTTP hop over https. */
    @ParameterizedTest(name = "internal TLS: {0}")
    @ValueSource(booleans = {false, true})
    void uploadsThroughAFollowerGoOnWhenTheLeaderStops(boolean tls) throws Exception {
        cluster = TestClusters.startGroup(dir, tls ? TestClusters.withTls(TestClusters.settings())
                : TestClusters.settings());
        assertThat(cluster.url(0)).startsWith(tls ? "https://" : "http://");
        int leader = leader();
        everyControllerReportsTheGroup(leader);
        int follower = (leader + 1) % 3;
        Http http = Http.to(cluster, follower);
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        AtomicLong stoppedAt = new AtomicLong();
        AtomicLong firstAfterStop = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; running.get(); i++) {
                byte[] content = Data.random(64 * 1024 + i * 1000, i);
                long started = System.nanoTime();
                Http.Response r = http.put(Http.file("stream/" + i), content);
                if (r.status() == 201) {
                    acknowledged.put("stream/" + i, content);
                    // The first upload begun after the leader was gone measures the failover.
                    if (stoppedAt.get() != 0 && started > stoppedAt.get() && firstAfterStop.get() == 0) {
                        firstAfterStop.set(System.nanoTime());
                    }
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 10);
        cluster.stopController(leader);
        stoppedAt.set(System.nanoTime());
        int before = acknowledged.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 10);
        running.set(false);
        writer.join();
        System.out.printf("leader %s stopped -> first upload acknowledged through a follower: %d ms%n",
                "c" + (leader + 1), (firstAfterStop.get() - stoppedAt.get()) / 1_000_000);
        assertThat(leader()).isNotEqualTo(leader);

        cluster.startController(leader);
        awaitIdenticalMetadata();
        for (int c = 0; c < 3; c++) {
            Http via = Http.to(cluster, c);
            for (Map.Entry<String, byte[]> file : acknowledged.entrySet()) {
                assertThat(via.get(Http.download(file.getKey())).body()).as(file.getKey() + " on c" + (c + 1))
                        .isEqualTo(file.getValue());
            }
        }
    }

    /**
     * Randomised: clients create, overwrite and delete their own files through random controllers while a chaos thread
     * stops and restarts controllers, one at a time. An operation whose reply was lost has an unknown outcome; every
     * acknowledged one must be reflected, version numbers only grow, no commit is applied twice.
     */
    @Test
    void acknowledgedOperationsSurviveControllersStoppingAndRestarting() throws Exception {
        cluster = TestClusters.startGroup(dir);
        long seed = System.nanoTime();
        System.out.println("chaos seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        AtomicBoolean running = new AtomicBoolean(true);
        List<ClientHistory> clients = IntStream.range(0, 4).mapToObj(i -> new ClientHistory(i, random.nextLong()))
                .toList();
        List<Thread> threads = new ArrayList<>();
        for (ClientHistory client : clients) {
            threads.add(Thread.ofVirtual().start(() -> client.run(cluster, running)));
        }
        Thread chaos = Thread.ofVirtual().start(() -> {
            try {
                while (running.get()) {
                    Thread.sleep(1000 + random.nextInt(1000));
                    int victim = random.nextInt(3);
                    long t0 = System.nanoTime();
                    cluster.stopController(victim);
                    long t1 = System.nanoTime();
                    Thread.sleep(500 + random.nextInt(1500));
                    long t2 = System.nanoTime();
                    cluster.startController(victim);
                    System.out.printf("chaos: c%d stopped in %d ms, restarted in %d ms%n", victim + 1,
                            (t1 - t0) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(20_000);
        running.set(false);
        long stopping = System.nanoTime();
        chaos.join();
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("chaos: clients and chaos stopped %d ms after the end%n",
                (System.nanoTime() - stopping) / 1_000_000);
        awaitIdenticalMetadata();
        Http http = new Http(cluster.url());
        long acknowledged = 0;
        for (ClientHistory client : clients) {
            acknowledged += client.check(http);
        }
        System.out.printf("chaos: %d acknowledged operations checked%n", acknowledged);
        assertThat(acknowledged).isGreaterThan(20);
    }

    /** Seed 002's endpoints, /status and the metrics agree on who leads, on every controller. */
    private void everyControllerReportsTheGroup(int leader) {
        String leaderId = "c" + (leader + 1);
        for (int c = 0; c < 3; c++) {
            Http http = Http.to(cluster, c);
            JsonNode brief = http.get("/leader").json();
            assertThat(brief.get("leader").asText()).isEqualTo(leaderId);
            assertThat(brief.get("self").asText()).isEqualTo("c" + (c + 1));
            JsonNode status = http.get("/leader/status").json();
            assertThat(status.get("role").asText()).isEqualTo(c == leader ? "LEADER" : "FOLLOWER");
            assertThat(status.get("peers")).hasSize(3);
            assertThat(status.get("applied_index").asLong()).isPositive();
            assertThat(http.get("/status").json().get("controllers").get("leader").asText()).isEqualTo(leaderId);
            String metrics = new String(http.get("/metrics").body());
            assertThat(metrics).contains("cairn_raft_leader " + (c == leader ? "1.0" : "0.0"))
                    .contains("cairn_raft_term").contains("cairn_raft_applied_index");
        }
    }

    private int leader() {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int i = 0; i < cluster.controllerCount(); i++) {
                try {
                    if (cluster.controller(i).controller().raft().isLeader()) {
                        return i;
                    }
                } catch (IllegalStateException stopped) {
                    // not running
                }
            }
            return -1;
        }, i -> i >= 0);
    }

    private void awaitIdenticalMetadata() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Set<Long> applied = new HashSet<>();
            Set<String> digests = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                var metadata = cluster.controller(i).controller().metadata();
                applied.add(metadata.applied().index());
                digests.add(metadata.digest());
            }
            assertThat(applied).hasSize(1);
            assertThat(digests).hasSize(1);
        });
    }

    /** One client's operations on its own keys, in order, each acknowledged or of unknown outcome. */
    private static final class ClientHistory {
        private final int id;
        private final java.util.Random random;
        private final Map<String, List<Op>> byKey = new java.util.TreeMap<>();

        ClientHistory(int id, long seed) {
            this.id = id;
            this.random = new java.util.Random(seed);
        }

        void run(LocalCluster cluster, AtomicBoolean running) {
            for (int i = 0; running.get(); i++) {
                String key = "chaos/" + id + "/" + random.nextInt(5);
                // A request can hang on a connection to a controller stopped in this JVM (a real crash resets it);
                // the client gives up, and the outcome is unknown, as for any timeout.
                Http http = new Http(urlOfSomeController(cluster)).withTimeout(Duration.ofSeconds(20));
                boolean delete = random.nextInt(5) == 0;
                byte[] content = delete ? null : Data.random(1000 + random.nextInt(200_000), random.nextLong());
                String sha256 = delete ? null : Data.sha256(content);
                Op op;
                long started = System.nanoTime();
                try {
                    if (delete) {
                        Http.Response r = http.delete(Http.file(key));
                        op = new Op(true, null, -1, r.status() == 200 || r.status() == 404, r.status());
                    } else {
                        Http.Response r = http.put(Http.file(key), content);
                        op = r.status() == 201
                                ? new Op(false, sha256, r.json().get("version").asLong(), true, 201)
                                : new Op(false, sha256, -1, false, r.status());
                    }
                } catch (RuntimeException e) {
                    op = new Op(delete, sha256, -1, false, 0); // the controller died with the request: outcome unknown
                }
                long ms = (System.nanoTime() - started) / 1_000_000;
                if (ms > 3000) {
                    System.out.printf("chaos: client %d %s %s took %d ms: %s%n", id, delete ? "DELETE" : "PUT", key, ms,
                            op);
                }
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
            }
        }

        private String urlOfSomeController(LocalCluster cluster) {
            for (int attempt = 0; attempt < 10; attempt++) {
                int c = random.nextInt(cluster.controllerCount());
                try {
                    cluster.controller(c);
                    return cluster.url(c);
                } catch (IllegalStateException stopped) {
                    // try another
                }
            }
            return cluster.url();
        }

        /**
         * Checks the final state of every key against the history; returns the number of acknowledged operations.
         * An operation of unknown outcome may take effect at any time after it was sent, even after later ones of
         * the same client: its gateway goes on with it once the client has given up (a timeout, or the connection
         * reset by a controller stopped in this JVM whose handler still runs). So a key with one is checked for what
         * it could have done, a key without one against its exact history.
         */
        long check(Http http) {
            long acknowledged = 0;
            for (Map.Entry<String, List<Op>> entry : byKey.entrySet()) {
                String key = entry.getKey();
                List<Op> ops = entry.getValue();
                acknowledged += ops.stream().filter(Op::acknowledged).count();
                boolean settled = ops.stream().allMatch(Op::acknowledged);
                int lastDelete = -1;
                for (int i = 0; i < ops.size(); i++) {
                    if (ops.get(i).delete() && ops.get(i).acknowledged()) {
                        lastDelete = i;
                    }
                }
                List<Op> since = ops.subList(lastDelete + 1, ops.size());
                boolean unknownDelete = ops.stream().anyMatch(op -> op.delete() && !op.acknowledged());
                if (!unknownDelete) {
                    // Since the last acknowledged delete, acknowledged puts got strictly growing version numbers
                    // (only a delete empties a key, which numbers it from 1 again).
                    long previous = 0;
                    for (Op op : since) {
                        if (!op.delete() && op.acknowledged()) {
                            assertThat(op.version()).as(key).isGreaterThan(previous);
                            previous = op.version();
                        }
                    }
                }
                Http.Response versions = http.get(Http.file(key) + "/versions");
                long ackedPuts = since.stream().filter(op -> !op.delete() && op.acknowledged()).count();
                if (versions.status() == 404) {
                    // Gone: only a delete after the last acknowledged put can explain that.
                    assertThat(ackedPuts == 0 || unknownDelete).as(key + " " + ops).isTrue();
                    continue;
                }
                assertThat(versions.status()).as(key).isEqualTo(200);
                List<Long> numbers = new ArrayList<>();
                versions.json().get("versions").forEach(v -> numbers.add(v.get("version").asLong()));
                assertThat(numbers).as(key + ": no version twice").doesNotHaveDuplicates();
                assertThat(numbers).as(key + ": ascending").isSorted();
                if (settled) {
                    assertThat(numbers).as(key + " " + ops).hasSize((int) ackedPuts);
                } else {
                    assertThat((long) numbers.size()).as(key + " " + ops)
                            .isLessThanOrEqualTo(ops.stream().filter(op -> !op.delete()).count());
                }
                Op last = ops.getLast();
                if (!last.delete() && last.acknowledged()) {
                    if (settled) {
                        assertThat(numbers.getLast()).as(key).isEqualTo(last.version());
                    }
                    // The last acknowledged put's bytes, or those of a put of unknown outcome that landed after it.
                    Set<String> possible = new HashSet<>();
                    possible.add(last.sha256());
                    ops.stream().filter(op -> !op.delete() && !op.acknowledged())
                            .forEach(op -> possible.add(op.sha256()));
                    Http.Response download = downloadFollowingRetryAfter(http, key);
                    assertThat(download.status()).as(key + " " + download).isEqualTo(200);
                    String found = Data.sha256(download.body());
                    assertThat(found).as(key + " " + ops).isIn(possible);
                    if (!found.equals(last.sha256())) {
                        System.out.printf("chaos: %s holds a put of unknown outcome that landed after the last "
                                + "acknowledged one: %s%n", key, ops);
                    }
                }
            }
            return acknowledged;
        }

        /**
         * A download may be refused for a while after the chaos (503 with Retry-After: an election, a node not heard
         * from yet); a client tries again, as the SDKs do. Any other answer, and the bytes, are checked.
         */
        private static Http.Response downloadFollowingRetryAfter(Http http, String key) {
            Http.Response download = http.get(Http.download(key));
            for (int retry = 1; download.status() == 503 && retry <= 30; retry++) {
                System.out.printf("chaos: download of %s refused (%s); retry %d%n", key, download, retry);
                try {
                    Thread.sleep(1000L * Long.parseLong(Objects.requireNonNullElse(download.header("Retry-After"),
                            "1")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                download = http.get(Http.download(key));
            }
            return download;
        }
    }

    /** @param status the HTTP status, 0 if the request got no answer */
    private record Op(boolean delete, String sha256, long version, boolean acknowledged, int status) {
    }
}
