package io.cairn.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import io.cairn.http.Caller;
import org.junit.jupiter.api.Test;

/** What goes into the audit log, and what a line of it says. */
class AuditLogTest {
    private static final Caller ALICE = new Caller.User("alice", "AKIDALICE");

    @Test
    void aLineIsOneJsonObjectWithEveryFieldAndNoSecret() throws Exception {
        AuditEvent event = new AuditEvent("2026-12-08T10:15:30.123Z", AuditEvent.principal(ALICE),
                AuditEvent.accessKey(ALICE), "10.0.0.7", "PUT", "S3 PutObject", "photos", "2026/cat.jpg", 200,
                Outcome.of(200), 52_431, 0, 48);
        String line = AuditLog.line(event);
        assertThat(line).doesNotContain("\n");
        JsonNode json = Json.MAPPER.readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2026-12-08T10:15:30.123Z");
        assertThat(json.get("principal").asText()).isEqualTo("alice");
        assertThat(json.get("access_key").asText()).isEqualTo("AKIDALICE");
        assertThat(json.get("client").asText()).isEqualTo("10.0.0.7");
        assertThat(json.get("method").asText()).isEqualTo("PUT");
        assertThat(json.get("operation").asText()).isEqualTo("S3 PutObject");
        assertThat(json.get("bucket").asText()).isEqualTo("photos");
        assertThat(json.get("key").asText()).isEqualTo("2026/cat.jpg");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("outcome").asText()).isEqualTo("ok");
        assertThat(json.get("bytes_in").asLong()).isEqualTo(52_431);
        assertThat(json.get("bytes_out").asLong()).isZero();
        assertThat(json.get("duration_ms").asLong()).isEqualTo(48);
    }

    @Test
    void unknownFieldsAreLeftOut() throws Exception {
        Caller anonymous = new Caller.Anonymous();
        JsonNode json = Json.MAPPER.readTree(AuditLog.line(new AuditEvent("2026-12-08T10:15:30Z",
                AuditEvent.principal(anonymous), AuditEvent.accessKey(anonymous), "10.0.0.7", "GET", null, null, null,
                401, Outcome.of(401), 0, 120, 1)));
        assertThat(json.get("principal").asText()).isEqualTo("anonymous");
        assertThat(json.get("outcome").asText()).isEqualTo("denied");
        assertThat(json.has("access_key")).isFalse();
        assertThat(json.has("bucket")).isFalse();
    }

    @Test
    void everyKindOfCallerHasItsName() {
        assertThat(AuditEvent.principal(new Caller.User(Caller.User.ROOT, "AKIDROOT"))).isEqualTo("root");
        assertThat(AuditEvent.principal(new Caller.Member())).isEqualTo("cluster");
        assertThat(AuditEvent.principal(new Caller.Monitor())).isEqualTo("metrics");
        assertThat(AuditEvent.accessKey(new Caller.User(Caller.User.ROOT, null))).as("the legacy API key").isNull();
    }

    @Test
    void changesAndRefusalsAreAuditedReadsAndTheClustersOwnCallsAreNot() {
        assertThat(AuditLog.concerns("PUT", 200, ALICE)).isTrue();
        assertThat(AuditLog.concerns("DELETE", 404, ALICE)).isTrue();
        assertThat(AuditLog.concerns("POST", 500, new Caller.Anonymous())).isTrue();
        assertThat(AuditLog.concerns("GET", 200, ALICE)).isFalse();
        assertThat(AuditLog.concerns("HEAD", 404, ALICE)).isFalse();
        assertThat(AuditLog.concerns("OPTIONS", 200, new Caller.Anonymous())).isFalse();
        assertThat(AuditLog.concerns("GET", 403, ALICE)).isTrue();
        assertThat(AuditLog.concerns("GET", 401, new Caller.Anonymous())).isTrue();
        assertThat(AuditLog.concerns("PUT", 201, new Caller.Member())).isFalse();
        assertThat(AuditLog.concerns("PUT", 403, new Caller.Member())).as("unless refused").isTrue();
    }

    @Test
    void outcomesFollowTheStatus() {
        assertThat(Outcome.of(204)).isEqualTo(Outcome.OK);
        assertThat(Outcome.of(304)).isEqualTo(Outcome.OK);
        assertThat(Outcome.of(401)).isEqualTo(Outcome.DENIED);
        assertThat(Outcome.of(403)).isEqualTo(Outcome.DENIED);
        assertThat(Outcome.of(429)).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.of(599)).isEqualTo(Outcome.ERROR);
    }
}
