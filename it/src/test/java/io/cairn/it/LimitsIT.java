package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and the maximum file size, each on a cluster configured for it. */
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
}
