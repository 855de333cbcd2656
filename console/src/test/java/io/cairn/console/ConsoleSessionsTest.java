package io.cairn.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.auth.ClusterSecret;
import io.cairn.http.Caller;
import io.cairn.s3.auth.S3Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    private final ClusterSecret cluster = ClusterSecret.generate();
    private final Map<String, String> secrets = new HashMap<>(Map.of("AKALICE", "alice-secret"));
    private final S3Credentials keys = new S3Credentials() {
        @Override
        public Optional<String> secretFor(String accessKeyId) {
            return Optional.ofNullable(secrets.get(accessKeyId));
        }

        @Override
        public Caller.User userOf(String accessKeyId) {
            return new Caller.User("alice", accessKeyId);
        }
    };
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ConsoleSessions sessions = new ConsoleSessions(cluster, keys, "the-api-key", clock);

    @Test
    void aTokenHoldsItsSessionAndAnyGatewayOfTheClusterAcceptsIt() {
        ConsoleSessions.Session session = sessions.start("AKALICE");
        String token = sessions.token(session);
        assertThat(sessions.verify(token)).hasValue(session);
        assertThat(new ConsoleSessions(cluster, keys, null, clock).verify(token)).hasValue(session);
        assertThat(new ConsoleSessions(ClusterSecret.generate(), keys, null, clock).verify(token))
                .as("another cluster's gateway").isEmpty();
        assertThat(sessions.user(session)).isEqualTo(new Caller.User("alice", "AKALICE"));
    }

    @Test
    void anyChangedCharacterSpoilsTheToken() {
        String token = sessions.token(sessions.start("AKALICE"));
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(sessions.verify(changed)).as("character %d changed", i).isEmpty();
        }
        String signed = token.substring(0, token.length() - 1);
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            if (c != token.charAt(token.length() - 1)) {
                assertThat(sessions.verify(signed + c)).as("last character %s: another spelling of its bits", c)
                        .isEmpty();
            }
        }
        assertThat(sessions.verify("")).isEmpty();
        assertThat(sessions.verify(".")).isEmpty();
        assertThat(sessions.verify("e30.AAAA")).isEmpty();
    }

    @Test
    void aSessionEndsWhenIdleAndRenewalNeverPassesTheLongestLife() {
        ConsoleSessions.Session session = sessions.start("AKALICE");
        now = now.plus(ConsoleSessions.IDLE.dividedBy(3));
        assertThat(sessions.renewed(session)).as("not yet half way").isSameAs(session);
        now = now.plus(ConsoleSessions.IDLE.dividedBy(3));
        ConsoleSessions.Session renewed = sessions.renewed(session);
        assertThat(renewed.expires()).isEqualTo(now.plus(ConsoleSessions.IDLE));
        assertThat(renewed.n()).as("the same session: its CSRF token holds").isEqualTo(session.n());
        assertThat(sessions.verify(sessions.token(session))).isPresent();

        now = now.plus(ConsoleSessions.IDLE.dividedBy(2));
        assertThat(sessions.verify(sessions.token(session))).as("the old token, idle too long").isEmpty();
        assertThat(sessions.verify(sessions.token(renewed))).isPresent();

        ConsoleSessions.Session kept = renewed;
        while (now.isBefore(Instant.ofEpochSecond(session.s()).plus(ConsoleSessions.LONGEST))) {
            kept = sessions.renewed(kept);
            assertThat(sessions.verify(sessions.token(kept))).isPresent();
            now = now.plus(Duration.ofMinutes(20));
        }
        assertThat(sessions.verify(sessions.token(kept))).as("12 hours after signing in, used or not").isEmpty();
    }

    @Test
    void aKeyDisabledOrGivenAnotherSecretEndsItsSessions() {
        String token = sessions.token(sessions.start("AKALICE"));
        secrets.put("AKALICE", "rotated-secret");
        assertThat(sessions.verify(token)).isEmpty();
        secrets.put("AKALICE", "alice-secret");
        assertThat(sessions.verify(token)).isPresent();
        secrets.remove("AKALICE");
        assertThat(sessions.verify(token)).isEmpty();
    }

    @Test
    void theApiKeySignsInAsRootAndAnotherApiKeyEndsThoseSessions() {
        ConsoleSessions.Session session = sessions.start(null);
        String token = sessions.token(session);
        assertThat(sessions.user(session)).isEqualTo(new Caller.User(Caller.User.ROOT, null));
        assertThat(sessions.verify(token)).isPresent();
        assertThat(new ConsoleSessions(cluster, keys, "another-api-key", clock).verify(token)).isEmpty();
        assertThat(new ConsoleSessions(cluster, keys, null, clock).verify(token)).isEmpty();
    }

    @Test
    void aSignedOutSessionIsRefusedAndCsrfTokensAreTheSessionsOwn() {
        ConsoleSessions.Session first = sessions.start("AKALICE");
        ConsoleSessions.Session second = sessions.start("AKALICE");
        assertThat(sessions.csrfMatches(first, sessions.csrfToken(first))).isTrue();
        assertThat(sessions.csrfMatches(first, sessions.csrfToken(second))).isFalse();
        assertThat(sessions.csrfMatches(first, null)).isFalse();
        sessions.signOut(first);
        assertThat(sessions.verify(sessions.token(first))).isEmpty();
        assertThat(sessions.verify(sessions.token(second))).isPresent();
    }
}
