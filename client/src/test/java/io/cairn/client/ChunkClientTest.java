package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cairn.api.ClusterKey;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChunkClientTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);

    private final HttpTransport http = new HttpTransport(ClusterKey.generate(), () -> {
        throw new AssertionError("no TLS here");
    }, Duration.ofSeconds(2), REQUEST_TIMEOUT);
    private final ChunkClient chunks = new ChunkClient(http);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch halfSent = new CountDownLatch(1);
    private HttpServer node;

    @AfterEach
    void stop() {
        release.countDown();
        if (node != null) {
            node.stop(0);
        }
        http.close();
    }

    /**
     * The client's own timeout stops counting at the response's headers: without a bound on the whole exchange, a
     * node that stalls in the middle of a chunk would hold the reader (and its chunk buffer) for ever instead of
     * letting it move on to another replica.
     */
    @Test
    void aNodeThatStallsHalfwayThroughAChunkFailsTheReadWithinTheRequestTimeout() throws Exception {
        byte[] chunk = new byte[100_000];
        ChunkId id = Sha256.of(chunk);
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, chunk.length);
            OutputStream out = exchange.getResponseBody();
            out.write(chunk, 0, chunk.length / 2);
            out.flush();
            halfSent.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        node.start();
        String url = "http://127.0.0.1:" + node.getAddress().getPort();

        long started = System.nanoTime();
        assertThatThrownBy(() -> chunks.get(url, id, new byte[chunk.length]))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("timed out");
                });
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(halfSent.await(0, TimeUnit.SECONDS)).as("the node had sent half the chunk and stalled").isTrue();
        assertThat(took).isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.plusSeconds(3));
    }

    @Test
    void aWholeChunkArrivesIntoTheCallersBuffer() throws IOException {
        byte[] chunk = new byte[70_000];
        chunk[69_999] = 7;
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, chunk.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(chunk);
            }
        });
        node.start();
        byte[] into = new byte[chunk.length];

        int n = chunks.get("http://127.0.0.1:" + node.getAddress().getPort(), Sha256.of(chunk), into);

        assertThat(n).isEqualTo(chunk.length);
        assertThat(into).isEqualTo(chunk);
    }
}
