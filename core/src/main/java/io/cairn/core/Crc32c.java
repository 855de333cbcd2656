package io.cairn.core;

import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * A CRC32C (Castagnoli) of some bytes: what a writer that hashed a chunk itself sends with it, so the receiver checks
 * transport integrity at a small fraction of SHA-256's cost (the JDK computes it with the CPU's CRC instructions).
 *
 * @param value the checksum as {@link CRC32C#getValue()} gives it (32 bits, unsigned)
 */
public record Crc32c(long value) {
    public Crc32c {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a CRC32C has 32 bits, got " + value);
        }
    }

    public static Crc32c of(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return new Crc32c(crc.getValue());
    }

    /**
     * Parses the 8 hex digits of {@link #hex()}.
     *
     * @throws CairnException BAD_REQUEST when {@code hex} is not 8 hex digits
     */
    public static Crc32c parse(String hex) {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw CairnException.badRequest("a CRC32C is 8 hex digits, got '" + hex + "'");
        }
        return new Crc32c(HexFormat.fromHexDigitsToLong(hex));
    }

    /** 8 lowercase hex digits. */
    public String hex() {
        return HexFormat.of().toHexDigits((int) value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
