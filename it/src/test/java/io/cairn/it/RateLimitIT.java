package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.http.limits.RateLimits;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Rate limits through both APIs, on a cluster started with a low limit per access key. Every test client sends from
 * 127.0.0.1, so the root user's own calls go through {@link #patiently}, as a well-behaved client's would.
 */
class RateLimitIT {
    private static final RateLimits LOW = new RateLimits(3, 0, 0, 0);
    private static final int TRIES = 40;

    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static Http root;
    private static Http alice;
    private static Http bob;
    private static String[] aliceKey;
    private static String[] bobKey;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir, TestClusters.withRateLimits(TestClusters.settings(), LOW));
        root = new Http(cluster.url());
        assertThat(patiently(() -> root.put(Http.file("hello"), "hello".getBytes())).status()).isEqualTo(201);
        aliceKey = user("alice");
        bobKey = user("bob");
        alice = root.as(aliceKey[0], aliceKey[1]);
        bob = root.as(bobKey[0], bobKey[1]);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aKeyOverItsLimitGets429ThroughRestAndSlowDownThroughS3WhileAnotherKeyGoesOn() throws Exception {
        setLimits(LOW);
        Http.Response refused = firstRefusal(() -> alice.get(Http.file("hello")));
        expectError(refused, 429, "TOO_MANY_REQUESTS");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(bob.get(Http.file("hello")).status()).as("another key at the same moment").isEqualTo(200);

        try (S3Client aliceS3 = S3Clients.as(cluster.s3Url(), aliceKey[0], aliceKey[1]);
             S3Client bobS3 = S3Clients.as(cluster.s3Url(), bobKey[0], bobKey[1])) {
            S3Exception slowDown = null;
            for (int i = 0; i < TRIES && slowDown == null; i++) {
                try {
                    aliceS3.getObjectAsBytes(b -> b.bucket("default").key("hello"));
                } catch (S3Exception e) {
                    slowDown = e;
                }
            }
            assertThat(slowDown).as("a SlowDown within " + TRIES + " quick requests").isNotNull();
            assertThat(slowDown.statusCode()).isEqualTo(503);
            assertThat(slowDown.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
            assertThat(slowDown.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
            assertThat(bobS3.getObjectAsBytes(b -> b.bucket("default").key("hello")).asUtf8String())
                    .isEqualTo("hello");

            Thread.sleep(retryAfter * 1000);
            assertThat(alice.get(Http.file("hello")).status()).as("after waiting Retry-After").isEqualTo(200);
        }
        // Both refusals are in the gateway's recent errors (the web console's cluster page), newest first.
        JsonNode errors = patiently(() -> root.get("/admin/errors")).json().get("errors");
        assertThat(errors.findValuesAsText("error")).contains("TOO_MANY_REQUESTS", "SlowDown");
        JsonNode rest = java.util.stream.StreamSupport.stream(errors.spliterator(), false)
                .filter(e -> e.get("error").asText().equals("TOO_MANY_REQUESTS")).findFirst().orElseThrow();
        assertThat(rest.get("status").asInt()).isEqualTo(429);
        assertThat(rest.get("route").asText()).startsWith("GET ");
        assertThat(rest.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(errors.toString()).as("routes by template, never a file name").doesNotContain("hello");
    }

    @Test
    void aTransferIsNeverCutOffButTheNextRequestWaitsForItsBytes() {
        setLimits(new RateLimits(0, 1 << 20, 0, 0));
        // Enough debt that it cannot all refill while a slow machine stores the upload and the next request arrives.
        byte[] eightMiB = Data.random(8 << 20, 7);
        assertThat(alice.put(Http.file("alice/big"), eightMiB).status()).as("admitted with a full bucket")
                .isEqualTo(201);
        Http.Response next = alice.get(Http.file("hello"));
        expectError(next, 429, "TOO_MANY_REQUESTS");
        assertThat(next.json().get("message").asText()).contains("bytes");
        // About 7 MiB of debt at 1 MiB/s, less what refilled while the upload was being stored.
        assertThat(Long.parseLong(next.header("Retry-After"))).isBetween(1L, 7L);
        assertThat(bob.get(Http.file("hello")).status()).isEqualTo(200);
        assertThat(patiently(() -> alice.get(Http.file("alice/big"))).body()).isEqualTo(eightMiB);
    }

    @Test
    void limitsChangeAtRunTimeWhileProbesAreNeverLimited() {
        JsonNode address = setLimits(new RateLimits(0, 0, 2, 0));
        assertThat(address.get("address_requests").asLong()).isEqualTo(2);
        assertThat(patiently(() -> root.get("/admin/rate-limits")).json().get("address_requests").asLong())
                .isEqualTo(2);
        Http.Response refused = firstRefusal(() -> root.anonymous().get("/files"));
        expectError(refused, 429, "TOO_MANY_REQUESTS");
        assertThat(refused.json().get("message").asText()).contains("client address");
        for (int i = 0; i < 20; i++) {
            assertThat(root.anonymous().get("/health").status()).isEqualTo(200);
        }
        expectError(patiently(() -> alice.send(alice.request("/admin/rate-limits")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build())), 403, "ACCESS_DENIED");

        assertThat(setLimits(RateLimits.OFF).get("requests").asLong()).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(alice.get(Http.file("hello")).status()).isEqualTo(200);
        }
        expectError(root.send(root.request("/admin/rate-limits").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"requests\":5}")).build()), 400,
                "INVALID_ARGUMENT");
        String metrics = new String(root.get("/metrics").body());
        assertThat(refusals(metrics, "address", "requests")).isPositive();
    }

    @Test
    void guessingSecretsFromOneAddressIsBoundedByTheAddressLimit() throws Exception {
        setLimits(new RateLimits(0, 0, 2, 0));
        Http guesser = root.as(aliceKey[0], "not-alices-secret");
        expectError(guesser.get(Http.file("hello")), 401, "UNAUTHORIZED");
        Http.Response refused = firstRefusal(() -> guesser.get(Http.file("hello")));
        expectError(refused, 429, "TOO_MANY_REQUESTS");
        assertThat(refused.json().get("message").asText()).contains("client address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();

        try (S3Client guessing = S3Clients.as(cluster.s3Url(), "AKIDUNKNOWNKEY000001", "whatever-secret")) {
            S3Exception slowDown = null;
            for (int i = 0; i < TRIES && slowDown == null; i++) {
                try {
                    guessing.listBuckets();
                } catch (S3Exception e) {
                    if (e.statusCode() == 503) {
                        slowDown = e;
                    } else {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    }
                }
            }
            assertThat(slowDown).as("a SlowDown within " + TRIES + " quick guesses").isNotNull();
            assertThat(slowDown.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
        }
        setLimits(RateLimits.OFF);
    }

    /** Sets this gateway's limits as the root user; answers the limits the gateway now applies. */
    private static JsonNode setLimits(RateLimits limits) {
        Http.Response response = patiently(() -> root.send(root.request("/admin/rate-limits")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(String.format(
                        "{\"requests\":%d,\"bytes\":%d,\"address_requests\":%d,\"address_bytes\":%d}",
                        limits.keyRequests(), limits.keyBytes(), limits.addressRequests(), limits.addressBytes())))
                .build()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** A user with read-write rights and a key: {id, secret}. */
    private static String[] user(String name) {
        assertThat(patiently(() -> root.postJson("/admin/users", Map.of("name", name, "policies",
                List.of("readwrite")))).status()).isEqualTo(201);
        JsonNode key = patiently(() -> root.postJson("/admin/keys", Map.of("user", name))).json();
        return new String[] {key.get("access_key").asText(), key.get("secret_key").asText()};
    }

    /** Sends until the answer is not 429, waiting the Retry-After each refusal names. */
    private static Http.Response patiently(Supplier<Http.Response> request) {
        for (int attempt = 0; ; attempt++) {
            Http.Response response = request.get();
            if (response.status() != 429 || attempt == 10) {
                return response;
            }
            try {
                Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sends quickly until refused; fails if no refusal comes. */
    private static Http.Response firstRefusal(Supplier<Http.Response> request) {
        for (int i = 0; i < TRIES; i++) {
            Http.Response response = request.get();
            if (response.status() == 429) {
                return response;
            }
        }
        throw new AssertionError("no refusal within " + TRIES + " quick requests");
    }

    private static double refusals(String metrics, String scope, String kind) {
        Matcher m = Pattern.compile("cairn_rate_limited_total\\{kind=\"" + kind + "\",scope=\"" + scope
                + "\"} (\\S+)").matcher(metrics);
        assertThat(m.find()).as("the metric in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
