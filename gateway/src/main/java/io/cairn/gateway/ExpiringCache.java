package io.cairn.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What a gateway learnt from the controllers (a key, a bucket's policy), absence included, kept for a while so a
 * request does not cost a lookup. Bounded: once full it starts again empty, so a flood of names that do not exist
 * holds no more than {@code capacity} entries.
 */
final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long expiresAt) {
    }

    private final Duration ttl;
    private final int capacity;
    private final LongSupplier nanos;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Duration ttl, int capacity, LongSupplier nanos) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.nanos = nanos;
    }

    /** The value kept for {@code key}, or what {@code load} answers now if none is kept or it is older than the TTL. */
    V get(K key, Function<K, V> load) {
        long now = nanos.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry == null || now - entry.expiresAt() > 0) {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            entry = new Entry<>(load.apply(key), now + ttl.toNanos());
            entries.put(key, entry);
        }
        return entry.value();
    }

    void forget(K key) {
        entries.remove(key);
    }

    void forgetIf(Predicate<V> stale) {
        entries.values().removeIf(e -> stale.test(e.value()));
    }
}
