package io.cairn.api;

import io.cairn.auth.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster secret every process of one cluster shares, and what it proves: an internal request carries
 * {@value #HEADER}{@code : <epoch seconds>.<HMAC-SHA256 of the time and the request's path and query>}, so the secret
 * itself never travels and a captured header opens no other path nor the same path after {@link #MAX_SKEW}. A chunk
 * written through a replayed header must still hash to the id its path names.
 *
 * <p>Keys for each use are derived from the secret (HKDF) under a purpose label, so a token shown to a monitoring
 * system ({@link #metricsToken()}) reveals nothing about the signing key.
 */
public final class ClusterKey {
    public static final String HEADER = "X-Cairn-Cluster";
    /** How far a signed request's time may be from the receiver's clock (SigV4 allows the same). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ClusterSecret secret;
    private final SecretKeySpec signing;

    public ClusterKey(ClusterSecret secret) {
        this.secret = secret;
        this.signing = new SecretKeySpec(secret.derive("cairn request signing v1", KEY_BYTES), "HmacSHA256");
    }

    public static ClusterKey generate() {
        return new ClusterKey(ClusterSecret.generate());
    }

    /** @throws IllegalArgumentException naming the problem, never echoing the value */
    public static ClusterKey parse(String hex) {
        return new ClusterKey(ClusterSecret.parse(hex));
    }

    public String hex() {
        return secret.hex();
    }

    /** The secret itself, for the other keys derived from it (the master key that seals users' secrets). */
    public ClusterSecret secret() {
        return secret;
    }

    /** @param pathAndQuery the raw (still percent-encoded) path, and {@code ?query} if any, as sent */
    public String sign(String pathAndQuery, Instant now) {
        long seconds = now.getEpochSecond();
        return seconds + "." + B64.encodeToString(hmac(signing, seconds + "\n" + pathAndQuery));
    }

    public boolean verify(String header, String pathAndQuery, Instant now) {
        int dot = header == null ? -1 : header.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(header.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
            return false;
        }
        byte[] expected = B64.encode(hmac(signing, seconds + "\n" + pathAndQuery));
        return MessageDigest.isEqual(expected, header.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** A bearer token for scraping {@code /metrics} of every process of the cluster (Prometheus' bearer_token). */
    public String metricsToken() {
        return "cairn-metrics-" + B64.encodeToString(secret.derive("cairn metrics token v1", KEY_BYTES));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterKey[****]";
    }
}
