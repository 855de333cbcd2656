package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's session, driven as a browser would drive it: sign-in, the cookie's flags, the CSRF check on every
 * change, sign-out, and the console's files. Browser-level tests of the pages are in {@code browser/}.
 */
class ConsoleSessionIT extends SharedClusterTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aWrongSecretIsRefusedWithoutACookieAndTheRightOneGivesAStrictHttpOnlyCookie() throws Exception {
        HttpResponse<String> wrong = signIn(cluster.url(), TestClusters.ROOT_KEY, "not the secret");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(Json.MAPPER.readTree(wrong.body()).get("message").asText()).contains("wrong secret");

        HttpResponse<String> right = signIn(cluster.url(), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET);
        assertThat(right.statusCode()).isEqualTo(200);
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("cairn_session=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/").contains("; Max-Age=1800").doesNotContain("Secure");
        JsonNode body = Json.MAPPER.readTree(right.body());
        assertThat(body.get("user").asText()).isEqualTo("root");
        assertThat(body.get("csrf_token").asText()).hasSizeGreaterThan(20);
        // The secret is nowhere in what comes back.
        assertThat(right.body() + cookie).doesNotContain(TestClusters.ROOT_SECRET);
    }

    @Test
    void theCookieReadsButEveryChangeNeedsTheSessionsCsrfTokenAndNoneFromAnotherSite() throws Exception {
        Session session = Session.signIn(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET);
        assertThat(session.send("GET", "/buckets", Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> forged = session.send("PUT", "/buckets/csrf-forged", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("X-Cairn-CSRF");
        HttpResponse<String> wrongToken = session.send("PUT", "/buckets/csrf-forged",
                Map.of("X-Cairn-CSRF", session.csrf.substring(1) + "x"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = session.send("PUT", "/buckets/csrf-forged",
                Map.of("X-Cairn-CSRF", session.csrf, "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        // Refused before anything was done: the bucket does not exist.
        assertThat(http.get("/buckets").json().toString()).doesNotContain("csrf-forged");

        HttpResponse<String> made = session.send("PUT", "/buckets/csrf-made", Map.of("X-Cairn-CSRF", session.csrf));
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(http.get("/buckets").json().toString()).contains("csrf-made");
    }

    @Test
    void signingOutEndsTheSessionAtOnce() throws Exception {
        Session session = Session.signIn(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET);
        assertThat(session.send("DELETE", "/console/session", Map.of()).statusCode()).as("sign-out needs the token")
                .isEqualTo(403);
        HttpResponse<String> out = session.send("DELETE", "/console/session", Map.of("X-Cairn-CSRF", session.csrf));
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        // A copy of the cookie kept (by an attacker, or a stale tab) no longer works.
        HttpResponse<String> after = session.send("GET", "/buckets", Map.of("Sec-Fetch-Dest", "empty"));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).as("no browser password dialog over the page")
                .isEmpty();
    }

    @Test
    void aDisabledKeyEndsItsSessionsAndATamperedCookieIsRefused() throws Exception {
        assertThat(http.postJson("/admin/users", Map.of("name", "console-user", "policies", List.of("readwrite")))
                .status()).isEqualTo(201);
        JsonNode key = http.postJson("/admin/keys", Map.of("user", "console-user")).json();
        String id = key.get("access_key").asText();
        Session session = Session.signIn(id, key.get("secret_key").asText());
        assertThat(session.send("GET", "/console/session", Map.of()).body()).contains("\"user\":\"console-user\"");

        String payload = session.cookie.substring(0, session.cookie.indexOf('.'));
        String forgedRoot = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(payload.substring("cairn_session=".length())),
                        StandardCharsets.UTF_8).replace(id, TestClusters.ROOT_KEY).getBytes(StandardCharsets.UTF_8));
        Session tampered = new Session("cairn_session=" + forgedRoot + session.cookie.substring(
                session.cookie.indexOf('.')), session.csrf);
        assertThat(tampered.send("GET", "/buckets", Map.of()).statusCode()).isEqualTo(401);

        assertThat(http.postJson("/admin/keys/" + id + "/disable", Map.of()).status()).isEqualTo(200);
        assertThat(session.send("GET", "/buckets", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void guessingSecretsIsRefusedAfterTenFailuresEvenWithTheRightOne(@TempDir Path elsewhere) throws Exception {
        // A cluster of its own: every test's requests come from 127.0.0.1, and this one uses up its failures.
        try (LocalCluster own = LocalCluster.start(elsewhere, "127.0.0.1", 0, 1, 0, TestClusters.settings())) {
            for (int i = 0; i < 10; i++) {
                assertThat(signIn(own.url(), TestClusters.ROOT_KEY, "guess-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = signIn(own.url(), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aSignInThatIsNotJsonIsRefusedSoAnotherSitesFormCannotPostIt() throws Exception {
        HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/console/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("access_key=" + TestClusters.ROOT_KEY + "&secret_key="
                        + TestClusters.ROOT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void thePageAndItsFilesAreServedWithAStrictPolicyVersionedAndGzipped() throws Exception {
        HttpResponse<String> root = CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/console/");

        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/console/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("{{BASE}}");
        var script = java.util.regex.Pattern.compile("src=\"(/console/v/[0-9a-f]{16}/app\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("the page loads a versioned script").isTrue();

        HttpResponse<byte[]> gzipped = CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.url() + script.group(1)))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(gzipped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        HttpResponse<String> plain = CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.url() + script.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (gzipped.headers().firstValue("Content-Encoding").isPresent()) {
            assertThat(new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo(plain.body());
        }
        String stale = script.group(1).replaceFirst("/v/[0-9a-f]{16}/", "/v/0000000000000000/");
        assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create(cluster.url() + stale)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheConsoleNothingOfItIsServed(@TempDir Path elsewhere) throws Exception {
        var s = TestClusters.settings();
        var off = new io.cairn.app.config.ClusterSettings(s.replicationFactor(), s.chunkSize(), s.maxFileSize(),
                s.healthCheckInterval(), s.nodeTimeout(), s.connectionTimeout(), s.maxConcurrentUploads(),
                s.maxBufferMemory(), s.security(), null, s.multipartExpiry(), s.reserveFraction(), s.scrubRate(),
                s.nodeCapacity(), s.keeper(), s.rateLimits(), s.connections(), false);
        try (LocalCluster plain = LocalCluster.start(elsewhere, "127.0.0.1", 0, 1, 0, off)) {
            for (String path : List.of("/", "/console/", "/console/session")) {
                assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create(plain.url() + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(401);
            }
        }
    }

    private static HttpResponse<String> signIn(String url, String key, String secret) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(
                        Map.of("access_key", key, "secret_key", secret)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser's view of a signed-in session: its cookie, and the CSRF token its page was given. */
    private record Session(String cookie, String csrf) {
        static Session signIn(String key, String secret) throws Exception {
            HttpResponse<String> response = ConsoleSessionIT.signIn(cluster.url(), key, secret);
            assertThat(response.statusCode()).isEqualTo(200);
            String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            return new Session(cookie, Json.MAPPER.readTree(response.body()).get("csrf_token").asText());
        }

        HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.url() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Cookie", cookie);
            new LinkedHashMap<>(headers).forEach(request::header);
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
