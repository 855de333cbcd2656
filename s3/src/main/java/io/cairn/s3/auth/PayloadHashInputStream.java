package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Locale;

/** Hashes a single-chunk body and, at its end, holds it to the SHA-256 its x-amz-content-sha256 signed. */
final class PayloadHashInputStream extends EndCheckedInputStream {
    private final MessageDigest sha256 = Digests.sha256();
    private final String expectedHex;

    PayloadHashInputStream(InputStream in, String expectedHex) {
        super(in);
        this.expectedHex = expectedHex.toLowerCase(Locale.ROOT);
    }

    @Override
    void update(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
    }

    @Override
    void checkAtEnd() {
        if (!Digests.hex(sha256.digest()).equals(expectedHex)) {
            throw new S3Exception(S3Error.XAmzContentSHA256Mismatch,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
    }
}
