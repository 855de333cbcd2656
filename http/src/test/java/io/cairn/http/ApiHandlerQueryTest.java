package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.ClusterKey;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query the server cannot decode is the client's mistake: 400 in JSON, never an internal error. */
class ApiHandlerQueryTest {
    private static final UserCredentials USERS = (key, secret) -> secret.equals(key + "-secret")
            ? Optional.of(new Caller.User(key, key)) : Optional.empty();
    private static final String ALICE = "Authorization: Basic "
            + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));

    private HttpServerHost server;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router().exact(Access.USER, "GET", "/files",
                ex -> ex.sendJson(200, Map.of("version", String.valueOf(ex.query("version")))));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        server = new HttpServerHost("127.0.0.1", 0, new ApiHandler(router,
                new RequestAuthenticator(ClusterKey.generate(), USERS, null, Clock.systemUTC(),
                        RequestAuthenticator.MemberProof.SIGNATURE), false, registry,
                new RateLimiter(new RateLimits(0, 0, 0, 0), registry, System::nanoTime)), null).start("the test API");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWellFormedQueryIsDecoded() throws IOException {
        assertThat(get("/files?version=a%2Fb")).startsWith("HTTP/1.1 200").contains("{\"version\":\"a/b\"}");
    }

    @Test
    void aBrokenPercentEscapeGets400InJson() throws IOException {
        // The wire fuzzer's find: a mutated parameter name ending in a lone '%'.
        for (String query : new String[] {"version%=1", "version=%zz", "version=%", "version=%C3%28"}) {
            String answer = get("/files?" + query);
            assertThat(answer).as(query).startsWith("HTTP/1.1 400")
                    .contains("\"error\":\"INVALID_ARGUMENT\"").contains("query string");
        }
    }

    private String get(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: h\r\n" + ALICE
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
