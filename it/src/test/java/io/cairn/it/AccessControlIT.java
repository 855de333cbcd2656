package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Users, access keys and policies through both APIs, on a group of three controllers each with its gateway: a key
 * made through one gateway works on the others, one policy decides for REST and S3 alike, and a disabled key stops.
 */
class AccessControlIT {
    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static Http root;

    /** Read-only on logs/ of the default bucket, listing included, and nothing else. */
    private static final String LOGS_READER = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::default/logs/*"]},
              {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::default"],
               "Condition": {"StringLike": {"s3:prefix": ["logs/*"]}}}
            ]}""";

    /** May list the buckets, and the default bucket's keys. */
    private static final String DEFAULT_LISTER = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},
              {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::default"}]}""";

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.startGroup(dir);
        root = new Http(cluster.url(0));
        assertThat(root.put(Http.file("logs/today.txt"), bytes("log line")).status()).isEqualTo(201);
        assertThat(root.put(Http.file("secret/plans.txt"), bytes("plans")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aUserLimitedToOnePrefixIsDeniedEverythingElseThroughBothApis() throws Exception {
        assertThat(root.send(root.request("/admin/policies/logs-reader").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(LOGS_READER)).build()).status()).isEqualTo(200);
        assertThat(root.postJson("/admin/users", Map.of("name", "alice", "policies", List.of("logs-reader")))
                .status()).isEqualTo(201);
        JsonNode key = root.postJson("/admin/keys", Map.of("user", "alice", "label", "ci")).json();
        String id = key.get("access_key").asText();
        String secret = key.get("secret_key").asText();
        // Made through the first gateway; used through the second.
        Http alice = new Http(cluster.url(1)).as(id, secret);

        assertThat(alice.get(Http.file("logs/today.txt")).body()).isEqualTo(bytes("log line"));
        assertThat(alice.get("/files?prefix=logs/").json().get("files")).hasSize(1);
        expectError(alice.get(Http.file("secret/plans.txt")), 403, "ACCESS_DENIED");
        expectError(alice.get("/files"), 403, "ACCESS_DENIED");
        expectError(alice.put(Http.file("logs/forged.txt"), bytes("x")), 403, "ACCESS_DENIED");
        expectError(alice.delete(Http.file("logs/today.txt")), 403, "ACCESS_DENIED");
        expectError(alice.get("/status"), 403, "ACCESS_DENIED");
        expectError(alice.get("/buckets"), 403, "ACCESS_DENIED");
        expectError(alice.postJson("/admin/users", Map.of("name", "mallory")), 403, "ACCESS_DENIED");

        try (S3Client s3 = S3Clients.as(cluster.s3Url(), id, secret)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("default").key("logs/today.txt")).asUtf8String())
                    .isEqualTo("log line");
            assertThat(s3.listObjectsV2(b -> b.bucket("default").prefix("logs/")).contents()).hasSize(1);
            expectAccessDenied(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("secret/plans.txt")));
            expectAccessDenied(() -> s3.listObjectsV2(b -> b.bucket("default")));
            expectAccessDenied(() -> s3.putObject(b -> b.bucket("default").key("logs/forged.txt"),
                    RequestBody.fromString("x")));
            expectAccessDenied(() -> s3.deleteObject(b -> b.bucket("default").key("logs/today.txt")));
            expectAccessDenied(() -> s3.createBucket(b -> b.bucket("alices")));
        }
        assertThat(root.get(Http.file("logs/today.txt")).status()).isEqualTo(200);
        assertThat(root.get("/files?prefix=logs/forged").json().get("files")).isEmpty();
    }

    @Test
    void aDisabledKeyStopsAtOnceOnItsGatewayAndWithinSecondsOnTheOthers() throws Exception {
        root.postJson("/admin/users", Map.of("name", "bob", "policies", List.of("readwrite")));
        JsonNode key = root.postJson("/admin/keys", Map.of("user", "bob")).json();
        String id = key.get("access_key").asText();
        Http here = new Http(cluster.url(0)).as(id, key.get("secret_key").asText());
        Http there = new Http(cluster.url(2)).as(id, key.get("secret_key").asText());
        assertThat(here.put(Http.file("bob/1"), bytes("1")).status()).isEqualTo(201);
        assertThat(there.get(Http.file("bob/1")).status()).isEqualTo(200);
        assertThat(here.as(id, "not-the-secret").get(Http.file("bob/1")).status()).isEqualTo(401);

        assertThat(root.post("/admin/keys/" + id + "/disable").json().get("enabled").asBoolean()).isFalse();
        expectError(here.get(Http.file("bob/1")), 401, "UNAUTHORIZED");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(there.get(Http.file("bob/1")).status())
                .isEqualTo(401));
        try (S3Client s3 = S3Clients.as(cluster.s3Url(), id, key.get("secret_key").asText())) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("bob/1")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(root.post("/admin/keys/" + id + "/enable").status()).isEqualTo(200);
        assertThat(here.get(Http.file("bob/1")).status()).isEqualTo(200);
    }

    @Test
    void aUserSeesOnlyTheBucketsTheyMayList() throws Exception {
        assertThat(root.put("/buckets/hidden", new byte[0]).status()).isEqualTo(201);
        root.send(root.request("/admin/policies/default-lister").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(DEFAULT_LISTER)).build());
        root.postJson("/admin/users", Map.of("name", "lister", "policies", List.of("default-lister")));
        JsonNode key = root.postJson("/admin/keys", Map.of("user", "lister")).json();
        String id = key.get("access_key").asText();
        String secret = key.get("secret_key").asText();
        assertThat(root.as(id, secret).get("/buckets").json().get("buckets").findValuesAsText("name"))
                .containsExactly("default");
        try (S3Client s3 = S3Clients.as(cluster.s3Url(), id, secret)) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("default");
        }
        assertThat(root.get("/buckets").json().get("buckets").findValuesAsText("name")).contains("default", "hidden");
    }

    @Test
    void theAdminApiSaysWhatIsWrongAndKeepsSecretsOutOfListings() {
        expectError(root.postJson("/admin/users", Map.of("name", "carol", "policies", List.of("no-such-policy"))),
                404, "NOT_FOUND");
        expectError(root.postJson("/admin/users", Map.of("name", "bad name!")), 400, "INVALID_NAME");
        expectError(root.send(root.request("/admin/policies/broken").PUT(HttpRequest.BodyPublishers
                .ofString("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}")).build()),
                400, "INVALID_ARGUMENT");
        // Over the 20 KiB limit it is the parser that says so; far over it, the body is not even read whole.
        String padded = "{\"Version\":\"2012-10-17\",\"Statement\":[]," + "\"x\":\"" + "a".repeat(30_000) + "\"}";
        Http.Response large = root.send(root.request("/admin/policies/large").PUT(HttpRequest.BodyPublishers
                .ofString(padded)).build());
        expectError(large, 400, "INVALID_ARGUMENT");
        assertThat(large.json().get("message").asText()).contains("the limit is 20480");
        expectError(root.send(root.request("/admin/policies/huge").PUT(HttpRequest.BodyPublishers
                .ofByteArray(new byte[2 << 20])).build()), 413, "PAYLOAD_TOO_LARGE");
        expectError(root.get("/admin/policies/huge"), 404, "NOT_FOUND");
        root.postJson("/admin/users", Map.of("name", "dave"));
        assertThat(root.post("/admin/users/dave/policies/readonly").json().get("policies").get(0).asText())
                .isEqualTo("readonly");
        expectError(root.post("/admin/users/dave/policies/readonly"), 409, "ALREADY_EXISTS");
        assertThat(root.delete("/admin/users/dave/policies/readonly").json().get("policies")).isEmpty();
        expectError(root.delete("/admin/users/dave/policies/readonly"), 404, "NOT_FOUND");
        String id = root.postJson("/admin/keys", Map.of("user", "dave")).json().get("access_key").asText();
        JsonNode keys = root.get("/admin/keys?user=dave").json().get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("access_key").asText()).isEqualTo(id);
        assertThat(keys.get(0).has("secret_key")).isFalse();
        assertThat(root.get("/admin/keys").body()).asString(StandardCharsets.UTF_8).doesNotContain("sealed");
        assertThat(root.delete("/admin/users/dave").status()).isEqualTo(200);
        assertThat(root.get("/admin/keys").json().get("keys").findValuesAsText("access_key")).doesNotContain(id);
        expectError(root.delete("/admin/policies/readonly"), 400, "INVALID_ARGUMENT");
    }

    @Test
    void aBucketPolicyOpensAPrefixToAnonymousReadersAndNothingElse() throws Exception {
        assertThat(root.put("/buckets/site", new byte[0]).status()).isEqualTo(201);
        try (S3Client s3 = S3Clients.as(cluster.s3Url(), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET);
             HttpClient anonymous = HttpClient.newHttpClient()) {
            s3.putObject(b -> b.bucket("site").key("public/index.html"), RequestBody.fromString("<h1>hi</h1>"));
            s3.putObject(b -> b.bucket("site").key("private/notes"), RequestBody.fromString("notes"));
            URI page = URI.create(cluster.s3Url() + "/site/public/index.html");
            assertThat(anonymous.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(403);

            String policy = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                     "Resource":"arn:aws:s3:::site/public/*"}]}""";
            s3.putBucketPolicy(b -> b.bucket("site").policy(policy));
            assertThat(s3.getBucketPolicy(b -> b.bucket("site")).policy()).isEqualTo(policy);
            assertThat(s3.getBucketPolicyStatus(b -> b.bucket("site")).policyStatus().isPublic()).isTrue();

            HttpResponse<String> read = anonymous.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo("<h1>hi</h1>");
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + "/site/private/notes"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(anonymous.send(HttpRequest.newBuilder(page).PUT(HttpRequest.BodyPublishers.ofString("x"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + "/site")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("listing is not granted").isEqualTo(403);

            assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket("site").policy("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::other/*\"}]}")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("MalformedPolicy"));
            s3.deleteBucketPolicy(b -> b.bucket("site"));
            assertThat(anonymous.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(403);
        }
    }

    private static void expectAccessDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
