package io.cairn.s3.auth;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, which the JDK lacks: polynomial 0xAD93D23594C93659 processed bit-reflected, all-ones initial value and
 * final XOR. Its check value, of ASCII "123456789", is 0xAE8B14860A799888.
 */
final class Crc64Nvme implements Checksum {
    static final long REFLECTED_POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final long[] TABLE = table();

    private long register = -1L;

    @Override
    public void update(int b) {
        register = TABLE[(int) (register ^ b) & 0xff] ^ register >>> 8;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            update(bytes[i]);
        }
    }

    @Override
    public long getValue() {
        return ~register;
    }

    @Override
    public void reset() {
        register = -1L;
    }

    private static long[] table() {
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            table[i] = crc;
        }
        return table;
    }
}
