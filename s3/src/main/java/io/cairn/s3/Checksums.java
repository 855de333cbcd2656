package io.cairn.s3;

import io.cairn.core.model.Checksum;
import java.util.Locale;

/**
 * How S3 shows a stored checksum: the header or element naming its algorithm, its value (a COMPOSITE one suffixed
 * with its part count) and its type.
 */
final class Checksums {
    /** The checksum of the parts' checksums, shown as {@code value-N}; the only type of SHA-1 and SHA-256 objects. */
    static final String COMPOSITE = "COMPOSITE";
    /** The checksum of all the bytes, whether they came in one upload or in parts (then CRCs only). */
    static final String FULL_OBJECT = "FULL_OBJECT";

    private Checksums() {
    }

    /** {@code x-amz-checksum-crc32} and so on. */
    static String header(Checksum checksum) {
        return "x-amz-checksum-" + checksum.algorithm().toLowerCase(Locale.ROOT);
    }

    /** {@code ChecksumCRC32} and so on, in XML bodies. */
    static String element(Checksum checksum) {
        return "Checksum" + checksum.algorithm();
    }

    static String shown(Checksum checksum) {
        return checksum.parts() == 0 ? checksum.value() : checksum.value() + "-" + checksum.parts();
    }

    static String type(Checksum checksum) {
        return checksum.parts() == 0 ? FULL_OBJECT : COMPOSITE;
    }
}
