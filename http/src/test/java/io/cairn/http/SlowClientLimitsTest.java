package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.ClusterKey;
import io.cairn.http.limits.ConnectionLimits;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a port's {@link ConnectionLimits} do to slow clients and to clients with many connections, through a real
 * server and raw sockets (from other loopback addresses where the client's address matters).
 */
class SlowClientLimitsTest {
    private static final ClusterKey KEY = ClusterKey.generate();
    private static final UserCredentials USERS = (key, secret) -> secret.equals(key + "-secret")
            ? Optional.of(new Caller.User(key, key)) : Optional.empty();
    private static final String ALICE = "Authorization: Basic " + Base64.getEncoder().encodeToString(
            "alice:alice-secret".getBytes(StandardCharsets.UTF_8));

    /** Times the route was entered, and the bytes of the last body it read whole. */
    private final AtomicInteger served = new AtomicInteger();
    private volatile long lastBody = -1;
    private HttpServerHost server;

    private int start(ConnectionLimits limits) throws Exception {
        Router router = new Router()
                .exact(Access.OPEN, "GET", "/health", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.USER, "GET", "/files", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.CLUSTER, "GET", "/internal", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.USER, "PUT", "/upload", this::upload)
                .exact(Access.CLUSTER, "PUT", "/internal/upload", this::upload);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        server = new HttpServerHost("127.0.0.1", 0, new ApiHandler(router,
                new RequestAuthenticator(KEY, USERS, null, Clock.systemUTC(),
                        RequestAuthenticator.MemberProof.SIGNATURE), false, registry,
                new RateLimiter(RateLimits.OFF, registry, System::nanoTime)), null, limits).start("the test API");
        return server.port();
    }

    private void upload(Exchange ex) throws IOException {
        served.incrementAndGet();
        lastBody = ex.body().transferTo(java.io.OutputStream.nullOutputStream());
        ex.sendJson(200, Map.of("bytes", lastBody));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBodyThatNeverStartsIsAnswered408AtTheEndOfTheGraceWithoutRunningTheRoute() throws Exception {
        int port = start(new ConnectionLimits(1024, Duration.ofSeconds(1), Duration.ofSeconds(5), 0));
        try (Raw raw = new Raw("127.0.0.1", port)) {
            long start = System.nanoTime();
            raw.send(put("/upload", ALICE, 100_000));
            Answer answer = raw.read();
            long took = System.nanoTime() - start;
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("\"error\":\"REQUEST_TIMEOUT\"")
                    .contains("did not start within 1 s");
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(served).as("the route never ran: no thread, memory or slot was taken").hasValue(0);
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIsCutAtTheEndOfTheGrace() throws Exception {
        int port = start(new ConnectionLimits(1024, Duration.ofSeconds(1), Duration.ofSeconds(5), 0));
        try (Raw raw = new Raw("127.0.0.1", port)) {
            long start = System.nanoTime();
            raw.send(put("/upload", ALICE, 100_000) + "0123456789");
            Thread trickle = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 30; i++) {
                    try {
                        Thread.sleep(200);
                        raw.send("x");
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            Answer answer = raw.read();
            long took = System.nanoTime() - start;
            trickle.interrupt();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("came too slowly").contains("MIN_BODY_RATE");
            assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        }
        assertThat(served).as("the route ran once its body flowed").hasValue(1);
    }

    @Test
    void aBodyThatPausesLongerThanTheIdleTimeoutIsCutWhateverItsRate() throws Exception {
        int port = start(new ConnectionLimits(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
        try (Raw raw = new Raw("127.0.0.1", port)) {
            raw.send(put("/upload", ALICE, 100_000) + "x".repeat(50_000));
            long start = System.nanoTime();
            Answer answer = raw.read();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("BODY_IDLE_TIMEOUT");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aBodyAtTheRateAndTheClustersSlowerOneAreServed() throws Exception {
        int port = start(new ConnectionLimits(1024, Duration.ofMillis(500), Duration.ofSeconds(2), 0));
        try (Raw raw = new Raw("127.0.0.1", port)) {
            raw.send(put("/upload", ALICE, 4000));
            for (int i = 0; i < 8; i++) {
                raw.send("y".repeat(500));
                Thread.sleep(200);
            }
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(lastBody).isEqualTo(4000);
        }
        // A process of the cluster is not held to the rate (its bodies come from memory), only to the idle timeout.
        try (Raw raw = new Raw("127.0.0.1", port)) {
            raw.send(put("/internal/upload", ClusterKey.HEADER + ": " + KEY.sign("/internal/upload", Instant.now()),
                    20) + "0123456789");
            for (int i = 0; i < 10; i++) {
                Thread.sleep(200);
                raw.send("z");
            }
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(lastBody).isEqualTo(20);
        }
    }

    @Test
    void theMachinesOwnAddressIsNotCounted() throws Exception {
        int port = start(new ConnectionLimits(0, Duration.ofSeconds(1), Duration.ofSeconds(5), 2));
        try (Raw first = new Raw("127.0.0.1", port); Raw second = new Raw("127.0.0.1", port);
             Raw third = new Raw("127.0.0.1", port)) {
            third.send(get("/files", ALICE));
            assertThat(third.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aConnectionBeyondItsAddresssLimitIsRefusedButHealthAndTheClusterAreServedOnIt() throws Exception {
        int port = start(new ConnectionLimits(0, Duration.ofSeconds(1), Duration.ofSeconds(5), 2));
        try (Raw first = new Raw("127.0.0.2", port); Raw second = new Raw("127.0.0.2", port)) {
            first.send(get("/files", ALICE));
            assertThat(first.read().status()).isEqualTo(200);
            second.send(get("/files", ALICE));
            assertThat(second.read().status()).isEqualTo(200);

            try (Raw third = new Raw("127.0.0.2", port)) {
                third.send(put("/upload", ALICE, 1_000_000) + "some of the body");
                Answer refused = third.read();
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.body()).contains("\"error\":\"TOO_MANY_REQUESTS\"")
                        .contains("more than 2 connections").contains("MAX_CONNECTIONS_PER_CLIENT");
                assertThat(refused.headers()).containsEntry("connection", "close").containsEntry("retry-after", "1");
                assertThat(third.closedByServer()).isTrue();
            }
            assertThat(served).as("the refused upload never ran").hasValue(0);
            try (Raw probe = new Raw("127.0.0.2", port)) {
                probe.send(get("/health", null));
                assertThat(probe.read().status()).isEqualTo(200);
            }
            try (Raw member = new Raw("127.0.0.2", port)) {
                member.send(get("/internal", ClusterKey.HEADER + ": " + KEY.sign("/internal", Instant.now())));
                assertThat(member.read().status()).isEqualTo(200);
                // Once proven, the connection is the cluster's, whatever the address holds.
                member.send(get("/internal", ClusterKey.HEADER + ": " + KEY.sign("/internal", Instant.now())));
                assertThat(member.read().status()).isEqualTo(200);
            }
            try (Raw other = new Raw("127.0.0.3", port)) {
                other.send(get("/files", ALICE));
                assertThat(other.read().status()).as("another address").isEqualTo(200);
            }
        }
        // Both closed: the address may open connections again.
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            try (Raw again = new Raw("127.0.0.2", port)) {
                again.send(get("/files", ALICE));
                status = again.read().status();
            }
        }
        assertThat(status).isEqualTo(200);
    }

    private static String put(String path, String credential, long length) {
        return "PUT " + path + " HTTP/1.1\r\nHost: test\r\n" + credential + "\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    private static String get(String path, String credential) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + (credential == null ? "" : credential + "\r\n")
                + "\r\n";
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** A raw HTTP/1.1 connection from a given local address. */
    private static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Raw(String from, int port) throws IOException {
            socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        synchronized void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        /** One response: its status line, headers and a body of its Content-Length. */
        Answer read() throws IOException {
            String statusLine = line();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed within a response");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        /** Whether the server closed the connection (end of stream, or a reset) after what was read. */
        boolean closedByServer() {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
