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
        long value = crc.getValue();
        byte[] digest = new byte[algorithm.digestLength()];
        for (int i = digest.length - 1; i >= 0; i--, value >>>= 8) {
            digest[i] = (byte) value;
        }
        return new ChecksumValue(algorithm, Base64.getEncoder().encodeToString(digest));
    }
}
