package io.cairn.http.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long the server may wait for a body's next bytes, and what a client too slow is told. Times in seconds. */
class BodyPaceTest {
    private static final long S = 1_000_000_000L;
    /** An arbitrary origin of {@link System#nanoTime}. */
    private static final long T0 = 123_456_789L;
    private static final ConnectionLimits LIMITS = new ConnectionLimits(1024, Duration.ofSeconds(10),
            Duration.ofSeconds(30), 64);

    private static BodyPace started() {
        BodyPace pace = LIMITS.pace();
        pace.start(T0);
        return pace;
    }

    private static long at(double seconds) {
        return T0 + (long) (seconds * S);
    }

    @Test
    void aBodyThatHasNotStartedHasTheGracePeriodFromTheRequestsArrival() {
        BodyPace pace = started();
        assertThat(pace.allowedWaitNanos(true, T0)).isEqualTo(10 * S);
        pace.waited(T0, at(4));
        assertThat(pace.allowedWaitNanos(true, at(4))).isEqualTo(6 * S);
        pace.waited(at(4), at(10));
        assertThat(pace.allowedWaitNanos(true, at(10))).isZero();
        assertThat(pace.refusal(true, at(10))).isEqualTo("the request body did not start within 10 s");
    }

    @Test
    void afterTheGraceBytesBuyWaitingAtTheMinimumRate() {
        BodyPace pace = started();
        pace.waited(T0, at(9));
        pace.progress(10);
        // 10 bytes at 1 KiB/s buy 9.8 ms beyond the second of grace left.
        assertThat(pace.allowedWaitNanos(true, at(9))).isEqualTo(S + 10 * S / 1024);
        pace.waited(at(9), at(11));
        assertThat(pace.allowedWaitNanos(true, at(11))).isNegative();
        assertThat(pace.refusal(true, at(11))).isEqualTo("the request body came too slowly: 10 B in 11 s, less "
                + "than the minimum of 1.0 KiB/s after the first 10 s (MIN_BODY_RATE)");
    }

    @Test
    void aBodyAtTheRateIsNeverCut() {
        BodyPace pace = started();
        for (int second = 0; second < 100; second++) {
            assertThat(pace.allowedWaitNanos(true, at(second))).as("at %d s", second).isPositive();
            pace.waited(at(second), at(second + 1));
            pace.progress(1024);
        }
    }

    @Test
    void timeTheServerDoesNotWaitForTheClientCostsNothingAfterTheGrace() {
        BodyPace pace = started();
        pace.progress(10 * 1024);
        // The upload waited 60 s for transfer memory, then reads: its 10 KiB still buy 10 s of waiting.
        assertThat(pace.allowedWaitNanos(true, at(60))).isEqualTo(10 * S);
    }

    @Test
    void aFewBytesSentBeforeWaitingForMemoryBuyNothingOnceTheGraceIsOver() {
        BodyPace pace = started();
        pace.progress(10);
        // Admitted 20 s later, its 10 bytes read: it is cut at its first wait, rather than holding its slot 10 s more.
        assertThat(pace.allowedWaitNanos(true, at(20))).isEqualTo(10 * S / 1024);
        pace.waited(at(20), at(20.01));
        assertThat(pace.allowedWaitNanos(true, at(20.01))).isNegative();
    }

    @Test
    void aClientThatExpects100ContinueStartsItsGraceAtTheFirstRead() {
        BodyPace pace = LIMITS.pace();
        long firstRead = at(25);
        assertThat(pace.allowedWaitNanos(true, firstRead)).isEqualTo(10 * S);
    }

    @Test
    void aFastBodyIsBoundOnlyByTheIdleTimeoutWhichRestartsWithEveryByte() {
        BodyPace pace = started();
        pace.progress(100L << 20);
        pace.waited(at(1), at(21));
        assertThat(pace.allowedWaitNanos(true, at(21))).isEqualTo(10 * S);
        pace.progress(1);
        assertThat(pace.allowedWaitNanos(true, at(21))).isEqualTo(30 * S);
        pace.waited(at(21), at(51));
        assertThat(pace.allowedWaitNanos(true, at(51))).isZero();
        assertThat(pace.refusal(true, at(51))).isEqualTo("no byte of the request body came for 30 s "
                + "(BODY_IDLE_TIMEOUT 30 s)");
    }

    @Test
    void theClusterAndAPortWithoutAMinimumAreBoundOnlyByTheIdleTimeout() {
        BodyPace pace = started();
        pace.waited(T0, at(25));
        assertThat(pace.allowedWaitNanos(false, at(25))).isEqualTo(5 * S);
        assertThat(pace.refusal(false, at(25))).startsWith("no byte of the request body came for 25 s");

        BodyPace noMinimum = new ConnectionLimits(0, Duration.ofSeconds(10), Duration.ofSeconds(30), 0).pace();
        noMinimum.start(T0);
        noMinimum.waited(T0, at(25));
        assertThat(noMinimum.allowedWaitNanos(true, at(25))).isEqualTo(5 * S);
    }

    @Test
    void hugeBodiesDoNotOverflow() {
        BodyPace pace = started();
        pace.progress(5L << 40);
        assertThat(pace.allowedWaitNanos(true, at(1))).isEqualTo(30 * S);
        pace.progress(Long.MAX_VALUE / 2);
        assertThat(pace.allowedWaitNanos(true, at(1))).isEqualTo(30 * S);
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new ConnectionLimits(-1, Duration.ZERO, Duration.ofSeconds(1), 0))
                .hasMessageContaining("minimum body rate");
        assertThatThrownBy(() -> new ConnectionLimits(0, Duration.ZERO, Duration.ZERO, 0))
                .hasMessageContaining("body idle timeout");
        assertThatThrownBy(() -> new ConnectionLimits(0, Duration.ZERO, Duration.ofMinutes(3), 0))
                .hasMessageContaining("at most the connection idle timeout");
        assertThatThrownBy(() -> new ConnectionLimits(0, Duration.ZERO, Duration.ofSeconds(1), -1))
                .hasMessageContaining("connections per client");
    }
}
