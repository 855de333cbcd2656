package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.cairn.app.LocalCluster;
import io.cairn.app.config.ClusterSettings;
import io.cairn.client.DataPathSettings;
import io.cairn.gateway.Gateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** API keys, the maximum file size and the transfer memory, each on a cluster configured for it. */
class LimitsIT {
    @TempDir
    Path dir;

    @Test
    void anApiKeyGuardsEveryEndpointButHealth() throws Exception {
        try (LocalCluster cluster = TestClusters.start(dir, TestClusters.withApiKey(TestClusters.settings(), "s3cret"))) {
            Http anonymous = new Http(cluster.url()).anonymous();
            Http wrong = anonymous.withKey("guess");
            Http right = anonymous.withKey("s3cret");
            assertThat(anonymous.get("/health").status()).isEqualTo(200);
            expectError(anonymous.get("/files"), 401, "UNAUTHORIZED");
            expectError(wrong.get("/status"), 401, "UNAUTHORIZED");
            expectError(wrong.put(Http.file("x"), new byte[] {1}), 401, "UNAUTHORIZED");
            expectError(anonymous.get("/metrics"), 401, "UNAUTHORIZED");
            // Nodes and the gateway use the key among themselves, so an authorised upload works end to end.
            assertThat(right.put(Http.file("x"), new byte[] {1, 2}).status()).isEqualTo(201);
            assertThat(right.get(Http.download("x")).body()).containsExactly(1, 2);
            assertThat(right.get("/files").json().get("files")).hasSize(1);
        }
    }

    @Test
    void filesAboveTheMaximumSizeAreRefusedWith413() throws Exception {
        long max = 3L << 20;
        try (LocalCluster cluster = TestClusters.start(dir, TestClusters.withMaxFileSize(TestClusters.settings(), max))) {
            Http http = new Http(cluster.url());
            assertThat(http.put(Http.file("fits"), Data.random((int) max, 1)).status()).isEqualTo(201);
            expectError(http.put(Http.file("known-length"), Data.random((int) max + 1, 2)), 413, "PAYLOAD_TOO_LARGE");
            expectError(http.putStream(Http.file("chunked"), Data.stream(max + TestClusters.CHUNK, 3), -1), 413,
                    "PAYLOAD_TOO_LARGE");
            expectError(http.send(RoundTripIT.multipart(http, "/upload", "form", Data.random((int) max + 10, 4))), 413,
                    "PAYLOAD_TOO_LARGE");
            assertThat(http.get("/files").json().get("files")).hasSize(1);
        }
    }

    /**
     * Issue 11, defect 1, on the wire: a transfer whose memory is not free waits its turn up to the queue timeout,
     * then is refused with 503 and a Retry-After (REST: a JSON error; S3: SlowDown), while one that fits beside the
     * others goes in at once; once the memory is back, the same requests are served.
     */
    @Test
    void transfersThatFindTheTransferMemoryFullWaitThenGet503WithRetryAfterOnBothApis() throws Exception {
        // The least a gateway may start with at 1 MiB chunks; the queue timeout is 3 x the connection timeout.
        long budget = Gateway.largestTransfer(TestClusters.CHUNK, DataPathSettings.DEFAULT);
        ClusterSettings settings = TestClusters.withTransferMemory(TestClusters.settings(), budget,
                Duration.ofSeconds(1));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try (LocalCluster cluster = TestClusters.start(dir, settings);
             S3Client s3 = S3Clients.as(cluster.s3Url(), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET)) {
            Http http = new Http(cluster.url());
            s3.createBucket(b -> b.bucket("memory"));
            byte[] stored = Data.random(3 << 20, 5);
            assertThat(http.put(Http.file("stored"), stored).status()).isEqualTo(201);

            // A slow 4 MiB upload holds its window of four 1 MiB chunk buffers for about 8 s.
            long slowSize = 4L << 20;
            Future<Http.Response> slow = pool.submit(() -> http.putStream(Http.file("slow"),
                    Data.throttled(Data.stream(slowSize, 6), 512 << 10), slowSize));
            await().atMost(Duration.ofSeconds(5)).until(() -> metric(http, "cairn_transfer_memory_reserved_bytes")
                    >= slowSize);
            // A small transfer fits in what is left and goes in at once.
            long small = System.nanoTime();
            assertThat(http.put(Http.file("small"), Data.random(100_000, 7)).status()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - small)).isLessThan(Duration.ofSeconds(2));

            // Three that need 3 MiB each wait the 3 s queue timeout, then are refused, saying why and when to retry.
            long start = System.nanoTime();
            Future<Http.Response> put = pool.submit(() -> http.put(Http.file("refused"), Data.random(3 << 20, 8)));
            Future<Http.Response> get = pool.submit(() -> http.get(Http.download("stored")));
            Future<S3Exception> s3Put = pool.submit(() -> catchThrowableOfType(S3Exception.class,
                    () -> s3.putObject(b -> b.bucket("memory").key("refused"),
                            RequestBody.fromBytes(Data.random(3 << 20, 9)))));
            for (Future<Http.Response> refused : List.of(put, get)) {
                Http.Response response = refused.get();
                ApiIT.expectError(response, 503, "UNAVAILABLE");
                assertThat(response.header("Retry-After")).isEqualTo("2");
                assertThat(response.json().get("message").asText()).contains("MAX_BUFFER_MEMORY");
            }
            S3Exception slowDown = s3Put.get();
            assertThat(slowDown).isNotNull();
            assertThat(slowDown.statusCode()).isEqualTo(503);
            // The SDK's PUT waits for 100 Continue, and the refusal comes without inviting the body (as S3 refuses);
            // the JDK's HttpURLConnection then hands the SDK the status and headers but not the XML (SlowDown).
            assertThat(slowDown.awsErrorDetails().errorCode()).isIn("SlowDown", null);
            assertThat(slowDown.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).contains("2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(metric(http, "cairn_transfer_memory_refused_total")).isEqualTo(3);

            // The slow upload was never disturbed; once it is done the same requests are served.
            assertThat(slow.get().status()).isEqualTo(201);
            assertThat(http.put(Http.file("refused"), Data.random(3 << 20, 8)).status()).isEqualTo(201);
            assertThat(http.get(Http.download("stored")).body()).isEqualTo(stored);
            s3.putObject(b -> b.bucket("memory").key("served"), RequestBody.fromBytes(Data.random(3 << 20, 9)));
            await().atMost(Duration.ofSeconds(5)).until(() -> metric(http, "cairn_transfer_memory_reserved_bytes")
                    == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One value of the process's Prometheus metrics, without labels. */
    static double metric(Http http, String name) {
        String text = new String(http.get("/metrics").body(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
