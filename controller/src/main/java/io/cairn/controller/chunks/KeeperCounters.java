package io.cairn.controller.chunks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keeper's running totals, also exported as metrics, and the repair throughput over the last minute. Thread-safe.
 */
final class KeeperCounters {
    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    final Counter repairsDone;
    final Counter repairsFailed;
    final Counter repairedBytes;
    final Counter trimmed;
    final Counter missingFound;
    final Counter orphansDoomed;
    final Counter corruptFound;
    final Counter deletions;
    /** Bytes copied per second over the last minute, {second, bytes}: at most 61 entries whatever the rate. */
    private final Deque<long[]> recent = new ArrayDeque<>(); // guarded by this
    private final AtomicLong firstRepairAt = new AtomicLong();

    KeeperCounters(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        repairsDone = counter(registry, "cairn.repair.copies", "copies made by repairs, drains and rebalancing");
        repairsFailed = counter(registry, "cairn.repair.failures", "copy jobs that failed (retried on a later pass)");
        repairedBytes = counter(registry, "cairn.repair.bytes", "bytes copied by repairs, drains and rebalancing");
        trimmed = counter(registry, "cairn.trim.copies", "copies beyond the replication given up");
        missingFound = counter(registry, "cairn.reconcile.missing", "recorded copies a node no longer had");
        orphansDoomed = counter(registry, "cairn.reconcile.orphans", "files nodes held that no record needed");
        corruptFound = counter(registry, "cairn.corrupt.copies", "copies found corrupt by readers or scrubbers");
        deletions = counter(registry, "cairn.gc.deletions", "chunk files deleted on nodes");
    }

    private static Counter counter(MeterRegistry registry, String name, String help) {
        return Counter.builder(name).description(help).register(registry);
    }

    void repaired(long bytes) {
        repairsDone.increment();
        repairedBytes.increment(bytes);
        long now = clock.millis();
        firstRepairAt.compareAndSet(0, now);
        synchronized (this) {
            long second = now / 1000;
            if (!recent.isEmpty() && recent.peekLast()[0] == second) {
                recent.peekLast()[1] += bytes;
            } else {
                recent.addLast(new long[] {second, bytes});
            }
            expire(now);
        }
    }

    /** Bytes per second copied over the last minute (or since the first copy, if that was more recent). */
    synchronized double bytesPerSecond() {
        long now = clock.millis();
        expire(now);
        long bytes = recent.stream().mapToLong(r -> r[1]).sum();
        long since = Math.max(now - WINDOW_MILLIS, firstRepairAt.get());
        return bytes == 0 ? 0 : bytes * 1000.0 / Math.max(1000, now - since);
    }

    private void expire(long now) {
        while (!recent.isEmpty() && recent.peekFirst()[0] * 1000 < now - WINDOW_MILLIS) {
            recent.removeFirst();
        }
    }
}
