package io.cairn.auth;

import io.cairn.core.CairnException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret half of an enrollment join token ({@code cairn-join-v2-<id>.<secret>}): 16 random bytes that open the
 * cluster secret once, never the cluster secret itself. Its holder proves it without sending it (an HMAC of the token
 * id and the time, {@link #proof}), and the controller answers with the cluster secret sealed under a key derived from
 * it ({@link #seal}): the answer is safe over plain HTTP, and from an unverified server, because only the holder opens
 * it and AES-GCM shows any change on the way. Its {@link #toString} never shows it.
 */
public final class JoinSecret {
    public static final int LENGTH = 16;
    private static final String PROOF_PREFIX = "cairn-enroll-v2|";
    private static final String SEAL_PURPOSE = "cairn join v2 seal";
    private static final String SEAL_CONTEXT = "cairn-join-v2|";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] bytes;

    private JoinSecret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static JoinSecret generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new JoinSecret(bytes);
    }

    /** @throws IllegalArgumentException unless the text is {@value #LENGTH} bytes in hex (never echoing it) */
    public static JoinSecret parse(String hex) {
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a join token's secret is " + 2 * LENGTH + " hex digits");
        }
        return new JoinSecret(HEX.parseHex(hex));
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** What the holder sends to enroll: HMAC-SHA256 of {@code cairn-enroll-v2|id|epochSeconds}, base64url. */
    public String proof(String id, long epochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal((PROOF_PREFIX + id + "|" + epochSeconds)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code proof} is this secret's for the id and time; takes the same time whatever the proof. */
    public boolean verify(String id, long epochSeconds, String proof) {
        return proof != null && MessageDigest.isEqual(proof(id, epochSeconds).getBytes(StandardCharsets.US_ASCII),
                proof.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cluster secret sealed for this token's holder: AES-256-GCM under HKDF-SHA256(this secret, "cairn join v2
     * seal"), bound to the token id, with a fresh nonce each time.
     */
    public String seal(ClusterSecret clusterSecret, String id) {
        return sealer().seal(clusterSecret.hex(), SEAL_CONTEXT + id);
    }

    /**
     * @throws CairnException INTERNAL when the text was not sealed under this secret for this id, or was altered
     */
    public ClusterSecret open(String sealed, String id) {
        return ClusterSecret.parse(sealer().unseal(sealed, SEAL_CONTEXT + id));
    }

    private SecretSealer sealer() {
        return new SecretSealer(Hkdf.derive(new byte[0], bytes, SEAL_PURPOSE.getBytes(StandardCharsets.UTF_8), 32));
    }

    @Override
    public String toString() {
        return "JoinSecret[****]";
    }
}
