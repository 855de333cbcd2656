package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.LocalCluster;
import io.cairn.http.limits.ConnectionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, defect 2: slow clients must not hold the gateway. Raw sockets send an upload's headers (and a few bytes of
 * a declared 1 MB body) and then trickle or stop, from other loopback addresses than the well-behaved client's, as
 * they would from other machines; the cluster runs with the default limits (MIN_BODY_RATE 16 KiB/s once 10 s have
 * passed since the request came, BODY_IDLE_TIMEOUT 30 s, MAX_CONNECTIONS_PER_CLIENT 128). Meanwhile the well-behaved
 * client must get {@code /health}, {@code /ready} and downloads within 2 s, a small upload within 2 s beside
 * connections that sent headers only and within 15 s while slow bodies hold every upload slot; the server must answer
 * every slow connection (408, S3's RequestTimeout, or 429 beyond its address's 128) and close it within 15 s of its
 * request, and the transfer memory they held must come back to 0.
 * <p>
 * Before the fix, 64 connections that sent headers only held 64 MiB of transfer memory and every upload slot; a 4-byte
 * PUT got no answer; once the 200 more came, neither did {@code /health}, {@code /ready}, {@code /metrics} or a
 * download (Jetty's 200 request threads were all waiting on slow bodies), and no slow connection was closed within
 * 30 s (Jetty's idle timeout is 120 s).
 */
class SlowClientIT {
    /** The numbers: 200 connections, each declaring a 1 MB body. */
    private static final int SLOW_CLIENTS = 200;
    /** Connections that send headers and no byte of their body. */
    private static final int IDLE_CLIENTS = 64;
    /** Connections to the S3 port that send headers and no byte of their body. */
    private static final int S3_IDLE_CLIENTS = 8;
    private static final long DECLARED = 1_000_000;
    /** {@code /health}, {@code /ready} and a download answer within this whatever the slow clients do. */
    private static final Duration PROBE = Duration.ofSeconds(2);
    /**
     * A small upload while slow clients hold every upload slot waits its turn for the first one the server takes back:
     * a body below the minimum rate is cut at the end of its grace period (10 s).
     */
    private static final Duration UPLOAD_WHILE_HELD = Duration.ofSeconds(15);
    /**
     * Every slow connection is answered and closed by the server within this of its request, whether it trickles or
     * stops: at the end of the 10 s grace period, or at once beyond its address's connection limit.
     */
    private static final Duration CUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void slowClientsAreCutOffWithinBoundsAndNeverStarveHealthReadinessOrOtherClients() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        List<SlowClient> clients = new ArrayList<>();
        Map<String, Long> latencies = new TreeMap<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try (LocalCluster cluster = TestClusters.start(dir)) {
            try {
                Http http = new Http(cluster.url());
                int port = URI.create(cluster.url()).getPort();
                byte[] stored = Data.random(3 << 20, 1);
                assertThat(http.put(Http.file("stored"), stored).status()).isEqualTo(201);
                Probe probe = new Probe(http, soft, latencies);

                // 1. Connections that send an upload's headers and nothing more hold no transfer memory and no upload
                // slot.
                List<SlowClient> idle = open(pool, "127.0.0.3", port, IDLE_CLIENTS, 0, false);
                clients.addAll(idle);
                // The same on the S3 port, which answers in its dialect.
                clients.addAll(open(pool, "127.0.0.4", URI.create(cluster.s3Url()).getPort(), S3_IDLE_CLIENTS, 0,
                        false, false));
                Thread.sleep(1000);
                soft.assertThat(reserved(http, soft)).as("transfer memory held by %d connections that sent headers "
                        + "only", IDLE_CLIENTS).isZero();
                probe.expect("PUT beside idle connections", PROBE, 201, () -> probe.http(PROBE)
                        .put(Http.file("beside-idle"), new byte[] {1, 2, 3, 4}));

                // 2. The attack: 200 connections each send 10 bytes of a 1 MB body, then half trickle a byte
                // every 2 s and half stop.
                List<SlowClient> slow = open(pool, "127.0.0.2", port, SLOW_CLIENTS, 10, true);
                clients.addAll(slow);
                Thread.sleep(1000);
                double held = reserved(http, soft);
                System.out.printf("SlowClientIT: transfer memory reserved under attack: %.1f MiB%n",
                        held / (1 << 20));
                probe.expect("GET /health", PROBE, 200, () -> probe.http(PROBE).anonymous().get("/health"));
                probe.expect("GET /ready", PROBE, 200, () -> probe.http(PROBE).anonymous().get("/ready"));
                probe.expect("GET a stored file", PROBE, 200, () -> probe.http(PROBE).get(Http.download("stored")));
                probe.expect("PUT 4 bytes while slow clients hold the upload slots", UPLOAD_WHILE_HELD, 201,
                        () -> probe.http(UPLOAD_WHILE_HELD).put(Http.file("small"), new byte[] {5, 6, 7, 8}));
                probe.expect("GET the small file", PROBE, 200, () -> probe.http(PROBE).get(Http.download("small")));
                probe.expect("GET /health again", PROBE, 200, () -> probe.http(PROBE).anonymous().get("/health"));

                // 3. The server cut every slow connection within the bound; what they held is back.
                for (SlowClient client : clients) {
                    client.closed.await(Math.max(0, client.openedAt + CUT.toNanos() - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                }
                Map<String, Integer> outcomes = new TreeMap<>();
                long slowest = 0;
                for (SlowClient client : clients) {
                    String outcome = client.source + " " + (client.status == null ? "no status" : client.status)
                            + " " + client.end;
                    outcomes.merge(outcome, 1, Integer::sum);
                    if (client.closedAt != 0) {
                        slowest = Math.max(slowest, client.closedAt - client.openedAt);
                    }
                }
                System.out.printf("SlowClientIT: slow connections by outcome %s; the last closed %.1f s after its "
                        + "request%n", outcomes, slowest / 1e9);
                for (SlowClient client : clients) {
                    soft.assertThat(client.end).as("how connection %s from %s ended", client.index, client.source)
                            .isIn("closed by the server", "reset by the server");
                    if (!client.rest) {
                        soft.assertThat(client.status).as("S3 connection %s", client.index).isEqualTo(400);
                        soft.assertThat(client.answer).as("S3 connection %s", client.index)
                                .contains("<Code>RequestTimeout</Code>");
                    } else if (!client.trickles) {
                        // A client that stopped sending reads the whole answer: over the address's connection
                        // limit, or cut for sending too slowly.
                        soft.assertThat(client.status).as("status seen by connection %s from %s", client.index,
                                client.source).isIn(408, 429);
                        soft.assertThat(client.answer).as("answer to connection %s from %s", client.index,
                                client.source).containsPattern("\"error\":\"(REQUEST_TIMEOUT|TOO_MANY_REQUESTS)\"");
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (reserved(http, null) != 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                soft.assertThat(reserved(http, soft)).as("transfer memory reserved once the slow connections are "
                        + "gone").isZero();
                // Every connection cut for its slow body, and every one beyond its address's limit, counted once.
                soft.assertThat(LimitsIT.metric(http, "cairn_http_body_timeouts_total"))
                        .as("requests answered 408 for a slow body").isEqualTo(IDLE_CLIENTS + S3_IDLE_CLIENTS
                                + ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
                soft.assertThat(LimitsIT.metric(http, "cairn_http_connections_refused_total"))
                        .as("requests refused beyond their address's connections")
                        .isEqualTo(SLOW_CLIENTS - ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
                probe.expect("GET /health after", PROBE, 200, () -> probe.http(PROBE).anonymous().get("/health"));
                probe.expect("PUT after", PROBE, 201, () -> probe.http(PROBE).put(Http.file("after"),
                        new byte[] {9}));
                System.out.printf("SlowClientIT: latencies (ms) %s%n", latencies);
            } finally {
                // Before the cluster stops, so no reader waits on a server that is gone.
                for (SlowClient client : clients) {
                    client.close();
                }
                pool.shutdownNow();
            }
        }
        soft.assertAll();
    }

    /**
     * The gateway's transfer memory reserved now, from its metrics; NaN (and a failure recorded in {@code soft}, if
     * given) when {@code /metrics} does not answer within the probes' bound.
     */
    private static double reserved(Http http, SoftAssertions soft) {
        try {
            return LimitsIT.metric(http.withTimeout(PROBE.plusSeconds(1)), "cairn_transfer_memory_reserved_bytes");
        } catch (RuntimeException e) {
            if (soft != null) {
                soft.fail("GET /metrics: no answer within " + PROBE.plusSeconds(1).toSeconds() + " s: " + e);
            }
            return Double.NaN;
        }
    }

    /**
     * Opens {@code count} connections from {@code source} (a loopback address other than 127.0.0.1: another client
     * machine as the server sees it), each sending an upload's headers and {@code sent} bytes of its body; every other
     * one trickles a byte every 2 s afterwards if {@code trickle}. Returns once all have sent.
     */
    private static List<SlowClient> open(ExecutorService pool, String source, int port, int count, int sent,
                                         boolean trickle) throws Exception {
        return open(pool, source, port, count, sent, trickle, true);
    }

    /** @param rest whether to the REST API (as the root user), else an anonymous PUT to the S3 API */
    private static List<SlowClient> open(ExecutorService pool, String source, int port, int count, int sent,
                                         boolean trickle, boolean rest) throws Exception {
        List<SlowClient> clients = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            SlowClient client = new SlowClient(i, source, trickle && i % 2 == 0, rest);
            clients.add(client);
            pool.submit(() -> client.run(port, sent, ready));
        }
        assertThat(ready.await(20, TimeUnit.SECONDS)).as("%d connections from %s sent their request", count, source)
                .isTrue();
        return clients;
    }

    /** One raw connection that sends an upload slowly and records how the server answered and when it closed. */
    private static final class SlowClient {
        final int index;
        final String source;
        final boolean trickles;
        final boolean rest;
        final CountDownLatch closed = new CountDownLatch(1);
        final StringBuilder answer = new StringBuilder();
        volatile Socket socket;
        volatile long openedAt;
        volatile long closedAt;
        volatile Integer status;
        volatile String end = "still open";

        SlowClient(int index, String source, boolean trickles, boolean rest) {
            this.index = index;
            this.source = source;
            this.trickles = trickles;
            this.rest = rest;
        }

        void run(int port, int sent, CountDownLatch ready) {
            try {
                Socket s = new Socket();
                socket = s;
                s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout((int) CUT.plusSeconds(10).toMillis());
                OutputStream out = s.getOutputStream();
                String head = (rest ? "PUT " + Http.file("slow/" + source + "/" + index) + " HTTP/1.1\r\n"
                        + "Authorization: " + Http.basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET) + "\r\n"
                        : "PUT /slow/" + source + "/" + index + " HTTP/1.1\r\n")
                        + "Host: 127.0.0.1:" + port + "\r\n"
                        + "Content-Type: application/octet-stream\r\n"
                        + "Content-Length: " + DECLARED + "\r\n\r\n";
                openedAt = System.nanoTime();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[sent]);
                out.flush();
                ready.countDown();
                if (trickles) {
                    Thread.ofVirtual().start(() -> trickle(out));
                }
                read(s.getInputStream());
            } catch (IOException e) {
                end = "could not send: " + e;
                ready.countDown();
                closed.countDown();
            }
        }

        private void trickle(OutputStream out) {
            try {
                while (closed.getCount() > 0 && System.nanoTime() - openedAt < CUT.plusSeconds(5).toNanos()) {
                    Thread.sleep(2000);
                    out.write('x');
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The server closed the connection: what the reader records.
            }
        }

        /** Reads the answer until the server closes the connection. */
        private void read(InputStream in) {
            StringBuilder first = new StringBuilder();
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    if (answer.length() < 4096) {
                        answer.append((char) b);
                    }
                    if (status == null) {
                        if (b == '\n') {
                            String[] parts = first.toString().split(" ");
                            status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
                        } else {
                            first.append((char) b);
                        }
                    }
                }
                end = "closed by the server";
            } catch (SocketTimeoutException e) {
                end = "still open after " + CUT.plusSeconds(10).toSeconds() + " s";
            } catch (IOException e) {
                end = closed.getCount() == 0 ? "closed by the test" : "reset by the server";
            } finally {
                closedAt = System.nanoTime();
                closed.countDown();
            }
        }

        void close() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Closing: nothing to do.
                }
            }
        }
    }

    /** A well-behaved client's requests, each checked against its stated latency. */
    private record Probe(Http base, SoftAssertions soft, Map<String, Long> latencies) {
        /** The client, giving up a little after {@code bound} so a request that hangs fails the test in time. */
        Http http(Duration bound) {
            return base.withTimeout(bound.plusSeconds(1));
        }

        void expect(String what, Duration bound, int status, Supplier<Http.Response> call) {
            long start = System.nanoTime();
            Http.Response response;
            try {
                response = call.get();
            } catch (RuntimeException e) {
                latencies.put(what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                soft.fail(what + ": no answer within " + bound.plusSeconds(1).toSeconds() + " s: " + e);
                return;
            }
            long took = System.nanoTime() - start;
            latencies.put(what, TimeUnit.NANOSECONDS.toMillis(took));
            soft.assertThat(response.status()).as(what + ": " + response).isEqualTo(status);
            soft.assertThat(Duration.ofNanos(took)).as(what + " took").isLessThan(bound);
        }
    }
}
