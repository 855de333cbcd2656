package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory per transfer is bounded by a few chunks: 2 GiB in and out of a server whose heap is capped at 256 MiB. */
class LargeFileIT {
    @TempDir
    Path dir;

    @Test
    void twoGibibytesThroughA256MibHeap() throws Exception {
        long size = 2L << 30;
        int port = Processes.freePort();
        try (Processes processes = new Processes(dir)) {
            processes.start("server", Map.of("CAIRN_JAVA_OPTS", "-Xmx256m", "S3_PORT", "0"), "server", "--port",
                    Integer.toString(port), "--node-base-port", "0", "--data", dir.resolve("data").toString());
            String url = "http://127.0.0.1:" + port;
            processes.awaitHealthy(url + "/health", Duration.ofSeconds(60), "server");
            Http http = new Http(url);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 3);
            Http.Response put = http.putStream(Http.file("huge.bin"), Data.stream(size, 2), size);
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            HttpResponse<java.io.InputStream> get = http.stream(http.request(Http.download("huge.bin")).GET().build());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(Data.sha256(get.body())).isEqualTo(Data.sha256(size, 2));
            assertThat(processes.output("server")).doesNotContain("OutOfMemoryError");
        }
    }
}
