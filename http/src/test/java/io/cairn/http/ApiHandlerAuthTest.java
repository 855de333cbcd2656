package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.ClusterKey;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.cairn.http.RequestAuthenticator.MemberProof;
import io.cairn.tls.ClusterTls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every access class against every kind of credential, through a real server. */
class ApiHandlerAuthTest {
    private static final ClusterKey KEY = ClusterKey.generate();
    private static final UserCredentials USERS = (key, secret) -> key.equals("alice") && secret.equals("alice-secret")
            ? Optional.of(new Caller.User("alice", key)) : Optional.empty();

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServerHost server;

    private String start(boolean metricsPublic) throws Exception {
        server = new HttpServerHost("127.0.0.1", 0, handler(metricsPublic, MemberProof.SIGNATURE), null).start("the test API");
        return "http://127.0.0.1:" + server.port();
    }

    private static ApiHandler handler(boolean metricsPublic, MemberProof proof) {
        Router router = new Router()
                .exact(Access.OPEN, "GET", "/health", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.CLUSTER, "GET", "/internal", ex -> ex.sendJson(200, Map.of()))
                .prefix(Access.CLUSTER, "PUT", "/chunks/", ex -> ex.sendJson(200, Map.of()))
                .exact(Access.USER, "GET", "/files", ex -> ex.sendJson(200,
                        Map.of("caller", ex.caller().toString())))
                .exact(Access.METRICS, "GET", "/metrics", ex -> ex.sendJson(200, Map.of()));
        return new ApiHandler(router, new RequestAuthenticator(KEY, USERS, "legacy-api-key", Clock.systemUTC(),
                proof), metricsPublic, new SimpleMeterRegistry(),
                new RateLimiter(RateLimits.OFF, new SimpleMeterRegistry(), System::nanoTime));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void eachAccessClassAdmitsItsCallersOnly() throws Exception {
        String base = start(false);
        assertThat(status(base, "GET", "/health", null, null)).isEqualTo(200);

        assertThat(status(base, "GET", "/internal", null, null)).isEqualTo(401);
        assertThat(status(base, "GET", "/internal", "Authorization", basic("alice", "alice-secret"))).isEqualTo(403);
        assertThat(status(base, "GET", "/internal", ClusterKey.HEADER, KEY.sign("/internal", Instant.now())))
                .isEqualTo(200);

        assertThat(status(base, "GET", "/files", null, null)).isEqualTo(401);
        assertThat(status(base, "GET", "/files", "Authorization", basic("alice", "alice-secret"))).isEqualTo(200);
        assertThat(status(base, "GET", "/files", "Authorization", basic("alice", "wrong-secret"))).isEqualTo(401);
        assertThat(status(base, "GET", "/files", "X-API-Key", "legacy-api-key")).isEqualTo(200);
        assertThat(status(base, "GET", "/files", "X-API-Key", "alice:alice-secret")).isEqualTo(200);
        assertThat(status(base, "GET", "/files", "X-API-Key", "not-the-key")).isEqualTo(401);
        assertThat(status(base, "GET", "/files", ClusterKey.HEADER, KEY.sign("/files", Instant.now())))
                .as("a cluster member is not a user").isEqualTo(403);
        assertThat(status(base, "GET", "/files", "Authorization", "Bearer " + KEY.metricsToken()))
                .as("the metrics token opens /metrics only").isEqualTo(403);

        assertThat(status(base, "GET", "/metrics", null, null)).isEqualTo(401);
        assertThat(status(base, "GET", "/metrics", "Authorization", "Bearer " + KEY.metricsToken())).isEqualTo(200);
        assertThat(status(base, "GET", "/metrics", "Authorization", basic("alice", "alice-secret"))).isEqualTo(200);
    }

    @Test
    void aStrangerLearnsNotEvenWhetherAPathExists() throws Exception {
        String base = start(false);
        assertThat(status(base, "GET", "/no/such/path", null, null)).isEqualTo(401);
        assertThat(status(base, "GET", "/no/such/path", "Authorization", basic("alice", "alice-secret")))
                .isEqualTo(404);
    }

    @Test
    void aClusterSignatureOpensOnlyThePathItSignsAndOnlyForAWhile() throws Exception {
        String base = start(false);
        String signedForOther = KEY.sign("/chunks/aaaa", Instant.now());
        assertThat(status(base, "PUT", "/chunks/aaaa", ClusterKey.HEADER, signedForOther)).isEqualTo(200);
        assertThat(status(base, "PUT", "/chunks/bbbb", ClusterKey.HEADER, signedForOther)).isEqualTo(401);
        assertThat(status(base, "PUT", "/chunks/aaaa", ClusterKey.HEADER,
                KEY.sign("/chunks/aaaa", Instant.now().minus(ClusterKey.MAX_SKEW).minusSeconds(5)))).isEqualTo(401);
        assertThat(status(base, "PUT", "/chunks/aaaa", ClusterKey.HEADER,
                ClusterKey.generate().sign("/chunks/aaaa", Instant.now()))).as("another cluster's secret")
                .isEqualTo(401);
        assertThat(status(base, "PUT", "/chunks/aaaa", ClusterKey.HEADER, "garbage")).isEqualTo(401);
    }

    @Test
    void publicMetricsNeedNoCredentialButNothingElseOpensWithThem() throws Exception {
        String base = start(true);
        assertThat(status(base, "GET", "/metrics", null, null)).isEqualTo(200);
        assertThat(status(base, "GET", "/files", null, null)).isEqualTo(401);
    }

    @Test
    void aRefusalSaysWhatIsMissingInJson() throws Exception {
        String base = start(false);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/files")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("\"error\":\"UNAUTHORIZED\"").contains("credential");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic"));
    }

    /**
     * A port that serves users and the cluster's processes with internal TLS on: a member shows its certificate; the
     * signature header no longer opens anything; users go on as before; another cluster's process gets no connection.
     */
    @Test
    void withInternalTlsAMemberIsWhoShowsAClusterCertificate() throws Exception {
        ClusterTls serverTls = new ClusterTls(KEY.secret(), "cairn controller c1", List.of("127.0.0.1"));
        server = new HttpServerHost("127.0.0.1", 0, handler(false, MemberProof.CERTIFICATE),
                new ServerTls(serverTls.context(), ServerTls.ClientAuth.WANT)).start("the test API");
        String base = "https://127.0.0.1:" + server.port();
        HttpClient member = HttpClient.newBuilder()
                .sslContext(new ClusterTls(KEY.secret(), "cairn node n1", List.of()).context()).build();
        HttpClient user = HttpClient.newBuilder().sslContext(trusting(serverTls, null)).build();
        X509ExtendedKeyManager foreign = new ClusterTls(ClusterKey.generate().secret(), "cairn node n9", List.of())
                .keyManager();
        HttpClient stranger = HttpClient.newBuilder().sslContext(trusting(serverTls, foreign)).build();

        assertThat(status(member, base, "GET", "/internal", null, null)).isEqualTo(200);
        assertThat(status(member, base, "GET", "/files", null, null)).as("a member is not a user").isEqualTo(403);
        assertThat(status(user, base, "GET", "/internal", ClusterKey.HEADER, KEY.sign("/internal", Instant.now())))
                .as("a valid signature without the certificate").isEqualTo(401);
        assertThat(status(user, base, "GET", "/internal", null, null)).isEqualTo(401);
        assertThat(status(user, base, "GET", "/files", "Authorization", basic("alice", "alice-secret")))
                .isEqualTo(200);
        assertThat(status(user, base, "GET", "/health", null, null)).isEqualTo(200);
        // The JDK's client offers no certificate the server's CA did not issue, so it is just anonymous here (a
        // certificate pressed on a server anyway fails the handshake: InternalTlsIT).
        assertThat(status(stranger, base, "GET", "/internal", null, null)).isEqualTo(401);
    }

    /** A client that trusts the server's cluster CA and presents {@code keys}, or no certificate when null. */
    private static SSLContext trusting(ClusterTls server, KeyManager keys) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : new KeyManager[] {keys}, new TrustManager[] {server.trustManager()}, null);
        return context;
    }

    private int status(String base, String method, String path, String header, String value) throws Exception {
        return status(client, base, method, path, header, value);
    }

    private static int status(HttpClient client, String base, String method, String path, String header,
                              String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
