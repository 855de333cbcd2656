package io.cairn.core.model;

import java.util.Objects;

/**
 * A checksum the client asked S3 to verify and keep ({@code x-amz-checksum-*}).
 *
 * @param algorithm as in the header name, upper case: CRC32, CRC32C, SHA1, SHA256, CRC64NVME
 * @param value     base64 of the big-endian digest; for a composite checksum, the digest of the parts' digests
 * @param parts     0 for a checksum of the whole content; for a multipart object's composite checksum, its part count
 *                  (S3 shows it as {@code value-parts})
 */
public record Checksum(String algorithm, String value, int parts) {
    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }
}
