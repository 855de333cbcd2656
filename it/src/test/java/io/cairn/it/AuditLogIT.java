package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.core.Json;
import io.cairn.http.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The audit log of a real cluster: an allowed write, a read refused for lack of rights, an anonymous request. In-JVM
 * clusters log as the tests' logback configuration says (server processes set up {@code audit.log} in LogSetup, whose
 * file LogSetupTest checks), so the lines are caught here by an appender on the {@code audit} logger.
 */
class AuditLogIT {
    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger audit;
    private Level level;
    private boolean additive;

    @BeforeEach
    void listen() {
        audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        level = audit.getLevel();
        additive = audit.isAdditive();
        lines.setContext(audit.getLoggerContext());
        lines.start();
        audit.setLevel(Level.INFO);
        audit.setAdditive(false); // not on the test's console
        audit.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        audit.detachAppender(lines);
        audit.setLevel(level);
        audit.setAdditive(additive);
    }

    @Test
    void writesRefusalsAndAnonymousRequestsAreAuditedWithWhoWhatAndHow() throws Exception {
        try (LocalCluster cluster = TestClusters.start(dir);
             HttpClient anonymous = HttpClient.newHttpClient()) {
            Http root = new Http(cluster.url());
            assertThat(root.postJson("/admin/users", Map.of("name", "nobody")).status()).isEqualTo(201);
            JsonNode key = root.postJson("/admin/keys", Map.of("user", "nobody")).json();
            String nobodyKey = key.get("access_key").asText();
            Http nobody = root.as(nobodyKey, key.get("secret_key").asText());

            byte[] body = "audited".getBytes(StandardCharsets.UTF_8);
            assertThat(root.put(Http.file("audit/allowed.txt"), body).status()).isEqualTo(201);
            assertThat(root.get(Http.file("audit/allowed.txt")).status()).isEqualTo(200);
            assertThat(nobody.get(Http.file("audit/allowed.txt")).status()).isEqualTo(403);
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(cluster.s3Url()
                    + "/default/audit/allowed.txt")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(403);

            JsonNode put = await("the PUT's line", line -> line.path("method").asText().equals("PUT")
                    && line.path("key").asText().equals("audit/allowed.txt"));
            assertThat(put.get("principal").asText()).isEqualTo("root");
            assertThat(put.get("access_key").asText()).isEqualTo(TestClusters.ROOT_KEY);
            assertThat(put.get("client").asText()).isEqualTo("127.0.0.1");
            assertThat(put.get("operation").asText()).isEqualTo("PUT PutFile");
            assertThat(put.get("bucket").asText()).isEqualTo("default");
            assertThat(put.get("status").asInt()).isEqualTo(201);
            assertThat(put.get("outcome").asText()).isEqualTo("ok");
            assertThat(put.get("bytes_in").asLong()).isEqualTo(body.length);
            assertThat(put.get("bytes_out").asLong()).isPositive();
            assertThat(put.get("duration_ms").asLong()).isNotNegative();
            assertThat(Instant.parse(put.get("time").asText())).isBetween(Instant.now().minusSeconds(60),
                    Instant.now());

            JsonNode denied = await("the refused GET's line", line -> line.path("principal").asText().equals("nobody")
                    && line.path("method").asText().equals("GET"));
            assertThat(denied.get("access_key").asText()).isEqualTo(nobodyKey);
            assertThat(denied.get("operation").asText()).isEqualTo("GET Download");
            assertThat(denied.get("bucket").asText()).isEqualTo("default");
            assertThat(denied.get("key").asText()).isEqualTo("audit/allowed.txt");
            assertThat(denied.get("status").asInt()).isEqualTo(403);
            assertThat(denied.get("outcome").asText()).isEqualTo("denied");

            JsonNode stranger = await("the anonymous request's line",
                    line -> line.path("principal").asText().equals("anonymous"));
            assertThat(stranger.has("access_key")).isFalse();
            assertThat(stranger.get("operation").asText()).isEqualTo("S3 GetObject");
            assertThat(stranger.get("bucket").asText()).isEqualTo("default");
            assertThat(stranger.get("key").asText()).isEqualTo("audit/allowed.txt");
            assertThat(stranger.get("status").asInt()).isEqualTo(403);
            assertThat(stranger.get("outcome").asText()).isEqualTo("denied");

            assertThat(root.as("AKIDNOSUCHKEY0000001", "wrong-secret").postJson("/admin/users",
                    Map.of("name", "mallory")).status()).isEqualTo(401);
            JsonNode refused = await("the refused credential's line", line -> line.path("status").asInt() == 401);
            assertThat(refused.get("operation").asText()).as("named though refused before its route ran")
                    .isEqualTo("POST /admin/users");

            List<JsonNode> all = logged();
            assertThat(all).as("an allowed read is not audited").noneMatch(line -> line.get("status").asInt() == 200
                    && line.get("method").asText().equals("GET"));
            assertThat(all).as("nor are the gateway's chunk writes to the nodes")
                    .noneMatch(line -> line.get("principal").asText().equals("cluster"));
            assertThat(all).as("the admin API names the user it acts on")
                    .anyMatch(line -> line.get("operation").asText().equals("POST /admin/keys")
                            && line.get("key").asText().equals("nobody"));
            assertThat(new String(root.get("/metrics").body(), StandardCharsets.UTF_8))
                    .containsPattern("cairn_audit_events_total\\{outcome=\"denied\"} [1-9]");
        }
    }

    private JsonNode await(String what, Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        // Written once the response is complete, so it may land just after the client has its answer.
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(10)).until(() -> {
            found.clear();
            logged().stream().filter(matching).forEach(found::add);
            return !found.isEmpty();
        });
        assertThat(found).as(what).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> logged() {
        List<ILoggingEvent> events;
        synchronized (lines) { // appends hold the appender's lock
            events = new ArrayList<>(lines.list);
        }
        return events.stream().map(e -> {
            try {
                return Json.MAPPER.readTree(e.getFormattedMessage());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).toList();
    }
}
