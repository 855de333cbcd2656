package io.cairn.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The table stays within its bound however many clients come, and forgets the ones whose loss changes nothing. */
class BucketTableTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong();
    private final TimeMeter time = RateLimiter.monotonic(now::get);

    @Test
    void aFloodOfAddressesNeverHoldsMoreThanTheBound() {
        BucketTable table = new BucketTable(5, 0, 1000, time);
        for (int i = 0; i < 100_000; i++) {
            table.get("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)).requests().take();
            now.addAndGet(1000); // a microsecond apart: all still active, none idle
            assertThat(table.size()).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    void idleClientsGoFirstAndTheirLossChangesNothing() {
        BucketTable table = new BucketTable(5, 0, 10, time);
        table.get("busy").requests().take();
        for (int i = 0; i < 9; i++) {
            table.get("idle-" + i);
        }
        assertThat(table.size()).isEqualTo(10);
        now.addAndGet(100 * MS);
        table.get("new").requests().take();
        assertThat(table.size()).as("the nine idle ones forgotten, busy and new kept").isEqualTo(2);
        assertThat(table.get("busy").requests().full()).as("busy keeps its spent token").isFalse();
    }

    @Test
    void whenNoneIsIdleTheLeastRecentlyUsedGo() {
        BucketTable table = new BucketTable(5, 0, 10, time);
        for (int i = 0; i < 10; i++) {
            table.get("c" + i).requests().take();
            now.addAndGet(MS);
        }
        table.get("c0").requests().take(); // c0 is now the most recent, c1 the oldest
        table.get("new").requests().take();
        assertThat(table.size()).isLessThanOrEqualTo(10);
        assertThat(table.get("c0").requests().full()).as("recently used: kept").isFalse();
        assertThat(table.get("c1").requests().full()).as("least recently used: forgotten, so starts full").isTrue();
    }

    @Test
    void aScopeWithoutLimitsTracksNobody() {
        BucketTable table = new BucketTable(0, 0, 10, time);
        for (int i = 0; i < 100; i++) {
            assertThat(table.get("c" + i).requests().take()).isZero();
        }
        assertThat(table.size()).isZero();
    }
}
