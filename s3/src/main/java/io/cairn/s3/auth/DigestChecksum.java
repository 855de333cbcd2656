package io.cairn.s3.auth;

import java.security.MessageDigest;
import java.util.Base64;

/** A message digest (SHA-1, SHA-256) as S3 reports it: the digest itself. */
final class DigestChecksum implements RunningChecksum {
    private final ChecksumAlgorithm algorithm;
    private final MessageDigest digest;

    DigestChecksum(ChecksumAlgorithm algorithm, MessageDigest digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    public ChecksumValue finish() {
        return new ChecksumValue(algorithm, Base64.getEncoder().encodeToString(digest.digest()));
    }
}
