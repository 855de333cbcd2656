package io.cairn.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The cluster's root secret: 32 random bytes every controller and gateway of a cluster shares, from which the keys
 * for distinct purposes are derived (the master key that seals stored secrets, the key that signs internal requests),
 * so no key is used for two purposes and none has to be stored. Its {@link #toString} never shows it.
 */
public record ClusterSecret(byte[] bytes) {
    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public ClusterSecret {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a cluster secret is " + LENGTH + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static ClusterSecret generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new ClusterSecret(bytes);
    }

    /** @throws IllegalArgumentException unless the text is 64 hex digits (the message does not echo the text) */
    public static ClusterSecret parse(String hex) {
        String text = hex.strip();
        boolean hexDigits = text.chars().allMatch(HexFormat::isHexDigit);
        if (text.length() != 2 * LENGTH || !hexDigits) {
            throw new IllegalArgumentException("a cluster secret is " + 2 * LENGTH + " hex digits (" + LENGTH
                    + " bytes); got " + text.length() + " characters" + (hexDigits ? "" : ", not all hex digits"));
        }
        return new ClusterSecret(HEX.parseHex(text));
    }

    /** The secret as 64 lower-case hex digits, for the one place it is configured. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * A key for one purpose (HKDF-SHA256 with the purpose as info): the same secret and purpose always give the same
     * key, different purposes unrelated ones.
     */
    public byte[] derive(String purpose, int length) {
        return Hkdf.derive(new byte[0], bytes, purpose.getBytes(StandardCharsets.UTF_8), length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ClusterSecret[****]";
    }
}
