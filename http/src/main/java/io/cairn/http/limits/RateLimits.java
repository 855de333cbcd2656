package io.cairn.http.limits;

/**
 * How much one access key, and one client address, may ask of a gateway each second; 0 is no limit. A bucket holds
 * one second's worth, so a client idle for a second may send that much at once.
 *
 * @param keyRequests     requests per second per access key (RATE_LIMIT_REQUESTS)
 * @param keyBytes        body bytes in and out per second per access key (RATE_LIMIT_BYTES)
 * @param addressRequests requests per second per client address, anonymous ones included (RATE_LIMIT_ADDRESS_REQUESTS)
 * @param addressBytes    body bytes in and out per second per client address (RATE_LIMIT_ADDRESS_BYTES)
 */
public record RateLimits(long keyRequests, long keyBytes, long addressRequests, long addressBytes) {
    public static final RateLimits OFF = new RateLimits(0, 0, 0, 0);
    /**
     * The least byte rate: a transfer is charged in full however slow its limit, and below this a large one could
     * run up a debt whose wait overflows the bucket's arithmetic (Bucket4j refuses those).
     */
    public static final long MIN_BYTES = 1024;

    /** @throws IllegalArgumentException naming the first value out of range */
    public RateLimits {
        requireRate("requests", keyRequests, 1);
        requireRate("bytes", keyBytes, MIN_BYTES);
        requireRate("address_requests", addressRequests, 1);
        requireRate("address_bytes", addressBytes, MIN_BYTES);
    }

    private static void requireRate(String name, long value, long least) {
        if (value < 0 || (value > 0 && value < least)) {
            throw new IllegalArgumentException(name + " must be 0 (no limit) or at least " + least
                    + " per second, got " + value);
        }
    }
}
