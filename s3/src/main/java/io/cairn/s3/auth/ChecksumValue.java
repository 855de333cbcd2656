package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.Base64;

/** A checksum as S3 carries it in {@code x-amz-checksum-<name>}: the base64 of the digest. */
public record ChecksumValue(ChecksumAlgorithm algorithm, String base64) {

    /**
     * A client's value, refused before any of the body is read when it cannot be a digest of this algorithm: as S3
     * does, a BadDigest, like a well-formed value the body does not match.
     */
    static ChecksumValue fromHeader(ChecksumAlgorithm algorithm, String text) {
        String base64 = text.strip();
        try {
            if (Base64.getDecoder().decode(base64).length == algorithm.digestLength()) {
                return new ChecksumValue(algorithm, base64);
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, like a digest of the wrong length
        }
        throw new S3Exception(S3Error.BadDigest, "The " + algorithm.headerName() + " you specified did not match the "
                + "calculated checksum.");
    }
}
