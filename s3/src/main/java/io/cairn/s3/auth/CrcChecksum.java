package io.cairn.s3.auth;

import java.util.Base64;
import java.util.zip.Checksum;

/** A CRC as S3 reports it: the register's value as a big-endian number of the algorithm's width. */
final class CrcChecksum implements RunningChecksum {
    private final ChecksumAlgorithm algorithm;
    private final Checksum crc;

    CrcChecksum(ChecksumAlgorithm algorithm, Checksum crc) {
        this.algorithm = algorithm;
        this.crc = crc;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
    }

    @Override
    public ChecksumValue finish() {
        return value(algorithm, crc.getValue());
    }

    /** A CRC's value as S3 shows it: big-endian, the algorithm's width. */
    static ChecksumValue value(ChecksumAlgorithm algorithm, long crc) {
        byte[] digest = new byte[algorithm.digestLength()];
        long rest = crc;
        for (int i = digest.length - 1; i >= 0; i--, rest >>>= 8) {
            digest[i] = (byte) rest;
        }
        return new ChecksumValue(algorithm, Base64.getEncoder().encodeToString(digest));
    }

    /** The CRC a value shows. */
    static long crc(ChecksumValue value) {
        long crc = 0;
        for (byte b : Base64.getDecoder().decode(value.base64())) {
            crc = crc << 8 | b & 0xff;
        }
        return crc;
    }
}
