package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private long now = 123_456_789L;
    private final Throttle throttle = new Throttle(1_000_000, () -> now); // 1 MB/s: a byte per microsecond

    @Test
    void workStartsNoSoonerThanTheRateAllows() {
        assertThat(throttle.delayBefore(500_000)).isZero();
        assertThat(throttle.delayBefore(250_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));

        now += TimeUnit.MILLISECONDS.toNanos(500); // waited as told
        assertThat(throttle.delayBefore(1_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    }

    @Test
    void timeLeftUnusedIsNotSavedUpForABurst() {
        assertThat(throttle.delayBefore(100_000)).isZero();
        now += TimeUnit.SECONDS.toNanos(10); // an idle pause

        assertThat(throttle.delayBefore(1_000_000)).isZero();
        assertThat(throttle.delayBefore(1)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void theClockMayWrap() {
        now = Long.MAX_VALUE - 100;
        assertThat(throttle.delayBefore(1_000)).isZero();
        now += 400_000; // wraps to negative values
        assertThat(throttle.delayBefore(1_000)).isEqualTo(1_000_000 - 400_000);
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new Throttle(0, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
    }
}
