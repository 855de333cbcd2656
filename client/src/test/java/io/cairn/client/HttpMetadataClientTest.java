package io.cairn.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cairn.api.ClusterKey;
import io.cairn.api.BucketInfo;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failover of {@link HttpMetadataClient} between controllers, against small real HTTP servers. */
class HttpMetadataClientTest {
    private static final String BUCKETS = "[{\"name\":\"photos\",\"created_at\":\"2025-01-01T00:00:00Z\"}]";
    private static final String NO_LEADER = "{\"error\":\"UNAVAILABLE\",\"message\":\"no leader elected yet\"}";

    private final HttpTransport http = new HttpTransport(ClusterKey.generate(), () -> {
        throw new IllegalStateException("the stub speaks plain HTTP");
    }, Duration.ofSeconds(2), Duration.ofSeconds(5));
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
        http.close();
    }

    @Test
    void aDeadControllerIsSkipped() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpMetadataClient client = new HttpMetadataClient(http, List.of(deadUrl(), controller(hits, 200, BUCKETS)));

        assertThat(client.buckets()).extracting(BucketInfo::name).containsExactly("photos");
        assertThat(hits).hasValue(1);
    }

    @Test
    void aControllerWithoutLeaderIsSkippedAndTheOneThatAnsweredIsKept() throws IOException {
        AtomicInteger leaderless = new AtomicInteger();
        AtomicInteger live = new AtomicInteger();
        HttpMetadataClient client = new HttpMetadataClient(http,
                List.of(controller(leaderless, 503, NO_LEADER), controller(live, 200, BUCKETS)));

        assertThat(client.buckets()).hasSize(1);
        assertThat(client.buckets()).hasSize(1);

        assertThat(leaderless).hasValue(1);
        assertThat(live).hasValue(2);
    }

    @Test
    void otherErrorsAreThrownWithoutAskingAnotherController() throws IOException {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        HttpMetadataClient client = new HttpMetadataClient(http, List.of(
                controller(first, 404, "{\"error\":\"NOT_FOUND\",\"message\":\"no such file\"}"),
                controller(second, 200, "{}")));

        assertThatThrownBy(() -> client.manifest("photos", "cat.jpg", null))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("no such file");
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(0);
    }

    @Test
    void whenNoControllerAnswersTheLastErrorIsThrownAfterTheDeadline() throws IOException {
        AtomicInteger leaderless = new AtomicInteger();
        // Long enough that a cold first round (a new HTTP client, a refused connection) cannot use it all up.
        Duration deadline = Duration.ofSeconds(1);
        HttpMetadataClient client = new HttpMetadataClient(http,
                List.of(deadUrl(), controller(leaderless, 503, NO_LEADER)), deadline);

        long started = System.nanoTime();
        assertThatThrownBy(client::status)
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(deadline, Duration.ofSeconds(5));
        assertThat(leaderless.get()).isBetween(2, 10); // retried, with pauses between rounds
    }

    /** A controller answering every request with {@code status} and {@code body}; counts requests in {@code hits}. */
    private String controller(AtomicInteger hits, int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The URL of a port nothing listens on: connections are refused. */
    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
