package io.cairn.s3.auth;

/**
 * Combines the CRCs of consecutive byte strings into the CRC of their concatenation without the bytes, as zlib's
 * {@code crc32_combine} does: {@code crc(A·B) = crc(A)·x^(8·|B|) mod P ⊕ crc(B)} for a reflected CRC whose initial
 * value and final XOR are all ones (CRC-32, CRC-32C and CRC-64/NVME all are). Polynomials are kept bit-reflected, the
 * coefficient of x^0 in the top bit of the CRC's width.
 */
final class CrcCombination {
    /** Enough powers x^(2^k) for any length up to 2^63 bytes (k starts at 3: a byte is 8 bits). */
    private static final int POWERS = 67;

    private final long polynomial;
    private final long one;
    private final long[] powersOfTwo = new long[POWERS];

    /** @param reflectedPolynomial the generator without its x^width term, bit-reflected */
    CrcCombination(long reflectedPolynomial, int width) {
        this.polynomial = reflectedPolynomial;
        this.one = 1L << (width - 1);
        long power = one >>> 1;
        for (int k = 0; k < POWERS; k++) {
            powersOfTwo[k] = power;
            power = multiply(power, power);
        }
    }

    /** The CRC of A followed by B, from the CRC of A, the CRC of B and B's length in bytes. */
    long combine(long first, long second, long secondLength) {
        return multiply(xToThe8n(secondLength), first) ^ second;
    }

    /** x^(8n) mod P, from the squares x^(2^k): one multiplication per set bit of n. */
    private long xToThe8n(long n) {
        long product = one;
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                product = multiply(powersOfTwo[k], product);
            }
        }
        return product;
    }

    /** a·b mod P, over GF(2), both reflected. */
    private long multiply(long a, long b) {
        long product = 0;
        for (long bit = one; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? b >>> 1 ^ polynomial : b >>> 1;
        }
        return product;
    }
}
