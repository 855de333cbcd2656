package io.cairn.s3.auth;

import java.nio.charset.StandardCharsets;

/** The SigV4 signing key of one secret and one credential scope, and the HMAC it signs strings with. */
final class SigningKey {
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    private SigningKey(byte[] key) {
        this.key = key;
    }

    static SigningKey derive(String secret, CredentialScope scope) {
        byte[] date = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] region = hmac(date, scope.region());
        byte[] service = hmac(region, scope.service());
        return new SigningKey(hmac(service, CredentialScope.TERMINAL));
    }

    /** The lower-case hex signature of a string to sign. */
    String sign(String stringToSign) {
        return Digests.hex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        return Digests.hmac(HMAC, key, data);
    }
}
