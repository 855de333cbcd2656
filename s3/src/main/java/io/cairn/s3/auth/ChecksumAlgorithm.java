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
    CRC32(4, new CrcCombination(0xEDB88320L, 32)),
    CRC32C(4, new CrcCombination(0x82F63B78L, 32)),
    SHA1(20, null),
    SHA256(32, null),
    CRC64NVME(8, new CrcCombination(Crc64Nvme.REFLECTED_POLYNOMIAL, 64));

    private final int digestLength;
    private final CrcCombination combination;

    ChecksumAlgorithm(int digestLength, CrcCombination combination) {
        this.digestLength = digestLength;
        this.combination = combination;
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

    /**
     * Whether the checksums of parts combine into their concatenation's (S3's FULL_OBJECT checksum type of a
     * multipart object): the CRCs do, the digests do not.
     */
    public boolean combines() {
        return combination != null;
    }

    /**
     * The FULL_OBJECT checksum of a multipart object: this CRC of all its bytes, computed from its parts' CRCs and
     * sizes.
     *
     * @param sizes each part's size in bytes, in the order of {@code parts}
     */
    public ChecksumValue fullObject(List<ChecksumValue> parts, List<Long> sizes) {
        if (!combines()) {
            throw new IllegalArgumentException(this + " checksums of parts do not combine into the whole's");
        }
        if (parts.size() != sizes.size()) {
            throw new IllegalArgumentException("one size per part");
        }
        long crc = 0; // the CRC of no bytes, for all of these
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).algorithm() != this) {
                throw new IllegalArgumentException("a " + parts.get(i).algorithm() + " part in a " + this + " object");
            }
            crc = combination.combine(crc, CrcChecksum.crc(parts.get(i)), sizes.get(i));
        }
        return CrcChecksum.value(this, crc);
    }

    int digestLength() {
        return digestLength;
    }
}
