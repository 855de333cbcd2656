package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.GatewayProcess;
import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Quotas of buckets and users, decided in the state machine when each write is committed: two gateways writing at
 * once cannot both slip under a limit.
 */
class QuotaIT {
    private static final int MIB = 1 << 20;

    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    /** A second gateway, in front of the same controller over HTTP, as a gateway on another machine would be. */
    private static GatewayProcess other;
    private static Http root;
    private static Http rootElsewhere;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
        other = GatewayProcess.start(List.of(cluster.url()), "127.0.0.1", 0, cluster.settings().withoutS3());
        root = new Http(cluster.url());
        rootElsewhere = new Http("http://127.0.0.1:" + other.port());
    }

    @AfterAll
    static void stop() {
        other.close();
        cluster.close();
    }

    @Test
    void twoGatewaysUploadingAtOnceNeverTakeABucketOverItsQuota() throws Exception {
        assertThat(root.put("/buckets/capped", new byte[0]).status()).isEqualTo(201);
        JsonNode set = root.send(root.request("/admin/quotas/bucket/capped").header("Content-Type",
                "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"max_bytes\":\"10MiB\"}")).build()).json();
        assertThat(set.get("max_bytes").asLong()).isEqualTo(10L * MIB);

        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Http via = i % 2 == 0 ? root : rootElsewhere;
            byte[] data = Data.random(3 * MIB, 100 + i);
            String path = Http.file("f" + i) + "?bucket=capped";
            uploads.add(() -> via.put(path, data).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> f : pool.invokeAll(uploads)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnly(201, 403);
        long stored = statuses.stream().filter(s -> s == 201).count();
        assertThat(stored).as("three 3 MiB files fit in 10 MiB, a fourth does not").isEqualTo(3);
        JsonNode quota = quota("bucket", "capped");
        assertThat(quota.get("used_bytes").asLong()).isEqualTo(stored * 3 * MIB).isLessThanOrEqualTo(10L * MIB);
        assertThat(root.get("/files?bucket=capped").json().get("files")).hasSize((int) stored);

        expectError(root.put(Http.file("one-more") + "?bucket=capped", Data.random(2 * MIB, 9)), 403,
                "QUOTA_EXCEEDED");
        assertThat(root.get("/status").json().get("quotas").findValuesAsText("name")).contains("capped");
    }

    @Test
    void aUsersQuotaCountsEveryBucketTheyCreatedAndShrinkingWritesAlwaysPass() throws Exception {
        root.postJson("/admin/users", Map.of("name", "erin", "policies", List.of("readwrite")));
        JsonNode key = root.postJson("/admin/keys", Map.of("user", "erin")).json();
        try (S3Client s3 = S3Clients.as(cluster.s3Url(), key.get("access_key").asText(),
                key.get("secret_key").asText())) {
            s3.createBucket(b -> b.bucket("erin-a"));
            s3.createBucket(b -> b.bucket("erin-b"));
            root.send(root.request("/admin/quotas/user/erin").header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max_objects\":3}")).build());
            s3.putObject(b -> b.bucket("erin-a").key("1"), RequestBody.fromString("one"));
            s3.putObject(b -> b.bucket("erin-a").key("2"), RequestBody.fromString("two"));
            s3.putObject(b -> b.bucket("erin-b").key("3"), RequestBody.fromString("three"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("erin-b").key("4"), RequestBody.fromString("four")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
                    });
            // An unversioned bucket's overwrite replaces a version: it adds nothing, so it passes at the limit.
            s3.putObject(b -> b.bucket("erin-a").key("1"), RequestBody.fromString("uno"));
            s3.deleteObject(b -> b.bucket("erin-a").key("2"));
            s3.putObject(b -> b.bucket("erin-b").key("4"), RequestBody.fromString("four"));
            JsonNode quota = quota("user", "erin");
            assertThat(quota.get("used_objects").asLong()).isEqualTo(3);
            assertThat(quota.get("used_bytes").asLong()).isEqualTo("uno".length() + "three".length() + "four".length());
        }
    }

    @Test
    void quotaRequestsAreCheckedAndNeedTheirRight() {
        expectError(root.send(root.request("/admin/quotas/bucket/no-such-bucket").header("Content-Type",
                "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max_objects\":1}"))
                .build()), 404, "NO_SUCH_BUCKET");
        expectError(root.send(root.request("/admin/quotas/bucket/default").header("Content-Type",
                "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max_bytes\":\"lots\"}"))
                .build()), 400, "INVALID_ARGUMENT");
        root.postJson("/admin/users", Map.of("name", "frank", "policies", List.of("readwrite")));
        JsonNode key = root.postJson("/admin/keys", Map.of("user", "frank")).json();
        Http frank = root.as(key.get("access_key").asText(), key.get("secret_key").asText());
        expectError(frank.send(frank.request("/admin/quotas/user/frank").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max_objects\":1000000}")).build()), 403,
                "ACCESS_DENIED");
    }

    private static JsonNode quota(String scope, String name) {
        for (JsonNode quota : root.get("/admin/quotas").json().get("quotas")) {
            if (quota.get("scope").asText().equals(scope) && quota.get("name").asText().equals(name)) {
                return quota;
            }
        }
        throw new AssertionError("no quota of " + scope + " " + name);
    }
}
