package io.cairn.s3.auth;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** The checksums S3 accepts in {@code x-amz-checksum-<name>}, each reported as the base64 of its big-endian digest. */
public enum ChecksumAlgorithm {
    CRC32(4),
    CRC32C(4),
    SHA1(20),
    SHA256(32),
    CRC64NVME(8);

    private final int digestLength;

    ChecksumAlgorithm(int digestLength) {
        this.digestLength = digestLength;
    }

    /** {@code x-amz-checksum-crc32} and so on: the header, trailer and response header that carries it. */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChecksumAlgorithm> forHeaderName(String headerName) {
        return Arrays.stream(values()).filter(a -> a.headerName().equalsIgnoreCase(headerName.strip())).findFirst();
    }

    public RunningChecksum start() {
        return switch (this) {
            case CRC32 -> new CrcChecksum(this, new CRC32());
            case CRC32C -> new CrcChecksum(this, new CRC32C());
            case CRC64NVME -> new CrcChecksum(this, new Crc64Nvme());
            case SHA1 -> new DigestChecksum(this, Digests.messageDigest("SHA-1"));
            case SHA256 -> new DigestChecksum(this, Digests.sha256());
        };
    }

    /**
     * The COMPOSITE checksum of a multipart object: this checksum over the parts' raw digests, in part order, reported
     * as {@code <base64>-<number of parts>}.
     */
    public ChecksumValue composite(List<ChecksumValue> parts) {
        RunningChecksum whole = start();
        for (ChecksumValue part : parts) {
            if (part.algorithm() != this) {
                throw new IllegalArgumentException("a " + part.algorithm() + " part in a " + this + " composite");
            }
            byte[] digest = Base64.getDecoder().decode(part.base64());
            whole.update(digest, 0, digest.length);
        }
        return new ChecksumValue(this, whole.finish().base64() + "-" + parts.size());
    }

    int digestLength() {
        return digestLength;
    }
}
