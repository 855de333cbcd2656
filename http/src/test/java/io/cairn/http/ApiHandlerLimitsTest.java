package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.ClusterKey;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the JSON API applies the rate limits, through a real server: who is limited, and how a refusal reads. */
class ApiHandlerLimitsTest {
    private static final ClusterKey KEY = ClusterKey.generate();
    private static final UserCredentials USERS = (key, secret) -> secret.equals(key + "-secret")
            ? Optional.of(new Caller.User(key, key)) : Optional.empty();

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServerHost server;

    private String start(RateLimits limits) throws Exception {
        Router router = new Router()
                .exact(Access.OPEN, "GET", "/health", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.CLUSTER, "GET", "/internal", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.USER, "GET", "/files", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.METRICS, "GET", "/metrics", ex -> ex.sendJson(200, Map.of()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        server = new HttpServerHost("127.0.0.1", 0, new ApiHandler(router,
                new RequestAuthenticator(KEY, USERS, null, Clock.systemUTC(),
                        RequestAuthenticator.MemberProof.SIGNATURE), false, registry,
                // Time stands still: no bucket refills between two requests, however slow the machine.
                new RateLimiter(limits, registry, () -> 0L)), null).start("the test API");
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterWhileAnotherKeyGoesOn() throws Exception {
        String base = start(new RateLimits(2, 0, 0, 0));
        HttpResponse<String> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            HttpResponse<String> response = send(base, "/files", "Authorization", basic("alice"));
            if (response.statusCode() != 200) {
                refused = response;
            }
        }
        assertThat(refused).as("a refusal within 20 quick requests at 2/s").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"error\":\"TOO_MANY_REQUESTS\"").contains("access key");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(send(base, "/files", "Authorization", basic("bob")).statusCode()).isEqualTo(200);
    }

    @Test
    void probesTheClusterAndTheMetricsTokenAreNeverLimited() throws Exception {
        String base = start(new RateLimits(1, 0, 1, 0));
        for (int i = 0; i < 10; i++) {
            assertThat(send(base, "/health", null, null).statusCode()).isEqualTo(200);
            assertThat(send(base, "/internal", ClusterKey.HEADER, KEY.sign("/internal", Instant.now())).statusCode())
                    .isEqualTo(200);
            assertThat(send(base, "/metrics", "Authorization", "Bearer " + KEY.metricsToken()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(send(base, "/files", null, null).statusCode()).as("anonymous: the address's one request")
                .isEqualTo(401);
        assertThat(send(base, "/files", "Authorization", basic("alice")).statusCode()).as("same address")
                .isEqualTo(429);
    }

    private HttpResponse<String> send(String base, String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (header != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-secret")
                .getBytes(StandardCharsets.UTF_8));
    }
}
