package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 in the lower-case hex SigV4 uses everywhere, the HMACs both signature versions sign with, and the one way
 * signatures are compared.
 */
final class Digests {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Digests() {
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    static MessageDigest sha256() {
        return messageDigest("SHA-256");
    }

    static String sha256Hex(String text) {
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(byte[] data, int length) {
        MessageDigest digest = sha256();
        digest.update(data, 0, length);
        return hex(digest.digest());
    }

    /** The HMAC of the UTF-8 of {@code data}: HmacSHA256 for SigV4, HmacSHA1 for SigV2. */
    static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Constant time, so a forger learns nothing from how long a wrong signature took to refuse. */
    static boolean sameSignature(String expected, String claimed) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claimed.getBytes(StandardCharsets.US_ASCII));
    }

    static S3Exception signatureDoesNotMatch() {
        return new S3Exception(S3Error.SignatureDoesNotMatch, "The request signature we calculated does not match the "
                + "signature you provided. Check your key and signing method.");
    }
}
