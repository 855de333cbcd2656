package io.cairn.http.limits;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The rate limits of one process: per access key and per client address, each on requests and on body bytes per
 * second (token buckets, Bucket4j). Never waits: a request over a limit is refused with the time until it would pass.
 *
 * <p>Bytes are charged as they flow, after the request was admitted, and may take a bucket into debt: a transfer
 * already under way is never cut off (a half-sent object is worse than a slow one), and instead the client's next
 * request waits until the debt is paid off. So a request is refused for bytes only when its bucket is empty or in debt.
 */
public final class RateLimiter {
    /** Most clients tracked per scope: about 680 bytes each with both limits set, so 65 MiB at worst. */
    private static final int MAX_CLIENTS = 100_000;

    private record Tables(RateLimits limits, BucketTable keys, BucketTable addresses) {
    }

    private final TimeMeter time;
    private final Map<Limit, Counter> refusals = new EnumMap<>(Limit.class);
    private volatile Tables tables;

    /** @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    public RateLimiter(RateLimits limits, MeterRegistry registry, LongSupplier nanos) {
        this.time = monotonic(nanos);
        for (Limit limit : Limit.values()) {
            refusals.put(limit, Counter.builder("cairn.rate.limited")
                    .description("requests refused by a rate limit")
                    .tag("scope", limit.scope()).tag("kind", limit.kind())
                    .register(registry));
        }
        update(limits);
    }

    public RateLimits limits() {
        return tables.limits();
    }

    /** New limits apply to the next request; every client starts again from a full bucket (debts are forgiven). */
    public void update(RateLimits limits) {
        tables = new Tables(limits, new BucketTable(limits.keyRequests(), limits.keyBytes(), MAX_CLIENTS, time),
                new BucketTable(limits.addressRequests(), limits.addressBytes(), MAX_CLIENTS, time));
    }

    /**
     * Takes a request token from the key's and the address's buckets, or says which limit refuses it.
     *
     * @param key     the access key the request was signed with; null for an anonymous request
     * @param address the client's IP address
     */
    public Admission admit(String key, String address) {
        Tables t = tables;
        ClientBuckets byAddress = t.addresses().get(address);
        ClientBuckets byKey = key == null ? ClientBuckets.UNLIMITED : t.keys().get(key);
        // Bytes first, since checking them takes nothing: a client in debt is refused without spending a request.
        long wait = byAddress.bytes().nanosUntilToken();
        if (wait > 0) {
            return refuse(Limit.ADDRESS_BYTES, wait);
        }
        wait = byKey.bytes().nanosUntilToken();
        if (wait > 0) {
            return refuse(Limit.KEY_BYTES, wait);
        }
        wait = byAddress.requests().take();
        if (wait > 0) {
            return refuse(Limit.ADDRESS_REQUESTS, wait);
        }
        // Should the key refuse, the address's token stays spent: the address did send a request.
        wait = byKey.requests().take();
        if (wait > 0) {
            return refuse(Limit.KEY_REQUESTS, wait);
        }
        return new Admission.Admitted(byKey, byAddress);
    }

    /** Bucket4j's clock over a monotonic one, which the tests move by hand. */
    static TimeMeter monotonic(LongSupplier nanos) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    private Admission refuse(Limit limit, long nanos) {
        refusals.get(limit).increment();
        return new Admission.Refused(limit, nanos);
    }
}
