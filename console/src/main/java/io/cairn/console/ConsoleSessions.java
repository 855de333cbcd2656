package io.cairn.console;

import io.cairn.auth.ClusterSecret;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import io.cairn.http.Caller;
import io.cairn.s3.auth.S3Credentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Console sign-in sessions as signed tokens rather than server-side records: any gateway of the cluster accepts a
 * session another one issued (several gateways behind one load balancer), and a restart signs no one out. A token is
 * signed with a key derived from the cluster secret <em>and</em> the secret of the credential it was issued for, so a
 * key that is disabled, deleted or given another secret ends its sessions on every gateway (within the key cache's
 * five seconds) without a list of them anywhere.
 */
final class ConsoleSessions {
    /** A session nobody used for this long has ended; each use renews it once half of it has gone. */
    static final Duration IDLE = Duration.ofMinutes(30);
    /** However it is used, a session ends this long after its sign-in. */
    static final Duration LONGEST = Duration.ofHours(12);
    /** Sessions signed out here, remembered until they would have expired; each needed a valid session to add. */
    private static final int MAX_SIGNED_OUT = 100_000;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param k the access key signed in with; null for the legacy API key (the root user)
     * @param s when it was signed in (epoch seconds)
     * @param e when it ends unless renewed (epoch seconds)
     * @param n a random nonce: the session's identity, and what its CSRF token is derived from
     */
    record Session(String k, long s, long e, String n) {
        Instant expires() {
            return Instant.ofEpochSecond(e);
        }
    }

    private final byte[] master;
    private final S3Credentials keys;
    private final byte[] apiKey;
    private final Clock clock;
    private final Map<String, Long> signedOut = new ConcurrentHashMap<>();

    /** @param apiKey the legacy shared API key, which signs in as the root user; null or empty for none */
    ConsoleSessions(ClusterSecret secret, S3Credentials keys, String apiKey, Clock clock) {
        this.master = secret.derive("cairn console sessions v1", 32);
        this.keys = keys;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A new session for a credential just checked. */
    Session start(String accessKey) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        long now = clock.instant().getEpochSecond();
        return new Session(accessKey, now, now + IDLE.toSeconds(), B64.encodeToString(nonce));
    }

    String token(Session session) {
        String payload = B64.encodeToString(Json.toBytes(session));
        byte[] key = signingKey(session.k()).orElseThrow(() -> new IllegalStateException("no secret to sign with"));
        return payload + "." + B64.encodeToString(hmac(key, payload));
    }

    /** The session a token holds, if its signature holds, it has not ended and was not signed out here. */
    Optional<Session> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 4096) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        Session session;
        try {
            session = Json.fromBytes(B64_IN.decode(payload), Session.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (session == null || session.n() == null) {
            return Optional.empty();
        }
        Optional<byte[]> key = signingKey(session.k());
        // Compared as text: the decoder ignores the spare low bits of the last character, so comparing decoded bytes
        // would accept several spellings of one signature.
        byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (key.isEmpty() || !MessageDigest.isEqual(
                B64.encodeToString(hmac(key.get(), payload)).getBytes(StandardCharsets.US_ASCII), presented)) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        if (now >= session.e() || now >= session.s() + LONGEST.toSeconds() || signedOut.containsKey(session.n())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** The session with its end moved on, once half of its idle time has gone; else the same session. */
    Session renewed(Session session) {
        long now = clock.instant().getEpochSecond();
        long end = Math.min(now + IDLE.toSeconds(), session.s() + LONGEST.toSeconds());
        if (session.e() - now > IDLE.toSeconds() / 2 || end <= session.e()) {
            return session;
        }
        return new Session(session.k(), session.s(), end, session.n());
    }

    /** What the session's pages must send with every change: a page of another site can neither read nor guess it. */
    String csrfToken(Session session) {
        return B64.encodeToString(hmac(master, "csrf\0" + session.n()));
    }

    boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken(session).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The user a verified session speaks for; a key deleted since it was verified is a session that has ended. */
    Caller.User user(Session session) {
        if (session.k() == null) {
            return new Caller.User(Caller.User.ROOT, null);
        }
        try {
            return keys.userOf(session.k());
        } catch (NoSuchElementException deleted) {
            throw new CairnException(ErrorCode.UNAUTHORIZED,
                    "the access key of this console session was deleted: sign in again");
        }
    }

    void signOut(Session session) {
        long now = clock.instant().getEpochSecond();
        if (signedOut.size() >= MAX_SIGNED_OUT) {
            signedOut.values().removeIf(end -> end <= now);
            // Still full of live sessions: the ones ending soonest are forgotten first; they end on their own soon.
            Iterator<Map.Entry<String, Long>> oldest = signedOut.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue()).iterator();
            while (signedOut.size() >= MAX_SIGNED_OUT && oldest.hasNext()) {
                signedOut.remove(oldest.next().getKey());
            }
        }
        signedOut.put(session.n(), session.e());
    }

    private Optional<byte[]> signingKey(String accessKey) {
        Optional<byte[]> secret = accessKey == null ? Optional.ofNullable(apiKey)
                : keys.secretFor(accessKey).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return secret.map(s -> {
            byte[] id = (accessKey == null ? "" : accessKey).getBytes(StandardCharsets.UTF_8);
            byte[] material = new byte[id.length + 1 + s.length];
            System.arraycopy(id, 0, material, 0, id.length);
            System.arraycopy(s, 0, material, id.length + 1, s.length);
            return hmac(master, material);
        });
    }

    private static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }
}
