package io.cairn.http.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter on a clock the test moves: refill, debt, Retry-After, scopes, changes at run time, the metric. */
class RateLimiterTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MIB = 1 << 20;

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private RateLimiter limiter(RateLimits limits) {
        return new RateLimiter(limits, registry, now::get);
    }

    @Test
    void aKeyHasOneSecondsWorthOfRequestsAndGetsOneBackEveryOneOverTheRate() {
        RateLimiter limiter = limiter(new RateLimits(2, 0, 0, 0));
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        Admission.Refused refused = (Admission.Refused) limiter.admit("alice", "10.0.0.1");
        assertThat(refused.limit()).isEqualTo(Limit.KEY_REQUESTS);
        assertThat(refused.retryAfterNanos()).isEqualTo(500 * MS);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.admit("bob", "10.0.0.1")).as("another key, same address").isInstanceOf(Admission.Admitted.class);

        now.addAndGet(499 * MS);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Refused.class);
        now.addAndGet(MS);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Refused.class);
        now.addAndGet(10_000 * MS);
        assertThat(limiter.admit("alice", "10.0.0.1")).as("a long pause refills no more than the burst")
                .isInstanceOf(Admission.Admitted.class);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Refused.class);
        assertThat(registry.get("cairn.rate.limited").tag("scope", "key").tag("kind", "requests").counter().count())
                .isEqualTo(4);
    }

    @Test
    void anAdmittedTransferRunsIntoDebtAndTheNextRequestWaitsItOff() {
        RateLimiter limiter = limiter(new RateLimits(0, MIB, 0, 0));
        Admission.Admitted upload = (Admission.Admitted) limiter.admit("alice", "10.0.0.1");
        for (int i = 0; i < 3 * 16; i++) {
            upload.charge(64 * 1024); // 3 MiB against a bucket of 1 MiB: not cut off
        }
        Admission.Refused refused = (Admission.Refused) limiter.admit("alice", "10.0.0.1");
        assertThat(refused.limit()).isEqualTo(Limit.KEY_BYTES);
        // 2 MiB of debt, and one byte more to have a token, at 1 MiB/s.
        assertThat(refused.retryAfterNanos()).isBetween(2000 * MS, 2001 * MS);
        assertThat(refused.retryAfterSeconds()).isEqualTo(3);
        assertThat(refused.message()).contains("access key", "bytes", "3 s");
        now.addAndGet(2001 * MS);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        assertThat(registry.get("cairn.rate.limited").tag("scope", "key").tag("kind", "bytes").counter().count())
                .isEqualTo(1);
    }

    @Test
    void addressesAreLimitedWhoeverSendsFromThemAnonymousCallersIncluded() {
        RateLimiter limiter = limiter(new RateLimits(0, 0, 1, 1024));
        assertThat(limiter.admit(null, "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOfSatisfying(Admission.Refused.class,
                r -> assertThat(r.limit()).isEqualTo(Limit.ADDRESS_REQUESTS));
        assertThat(limiter.admit(null, "10.0.0.2")).isInstanceOf(Admission.Admitted.class);

        now.addAndGet(1000 * MS);
        ((Admission.Admitted) limiter.admit(null, "10.0.0.1")).charge(4096);
        now.addAndGet(1000 * MS);
        assertThat(limiter.admit(null, "10.0.0.1")).as("bytes in debt refuse before a request token is spent")
                .isInstanceOfSatisfying(Admission.Refused.class, r -> {
                    assertThat(r.limit()).isEqualTo(Limit.ADDRESS_BYTES);
                    assertThat(r.message()).contains("client address");
                });
    }

    @Test
    void newLimitsApplyToTheNextRequest() {
        RateLimiter limiter = limiter(new RateLimits(1, 0, 0, 0));
        limiter.admit("alice", "10.0.0.1");
        assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Refused.class);
        limiter.update(RateLimits.OFF);
        assertThat(limiter.limits()).isEqualTo(RateLimits.OFF);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        }
        limiter.update(new RateLimits(0, 0, 3, 0));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("alice", "10.0.0.1")).isInstanceOf(Admission.Admitted.class);
        }
        assertThat(limiter.admit("bob", "10.0.0.1")).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void aRetryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(new Admission.Refused(Limit.KEY_REQUESTS, 1).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Admission.Refused(Limit.KEY_REQUESTS, 1000 * MS).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Admission.Refused(Limit.KEY_REQUESTS, 1000 * MS + 1).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void limitsAreZeroOrARealRate() {
        assertThatThrownBy(() -> new RateLimits(-1, 0, 0, 0)).hasMessageContaining("requests");
        assertThatThrownBy(() -> new RateLimits(0, 100, 0, 0)).hasMessageContaining("bytes").hasMessageContaining("1024");
        assertThatThrownBy(() -> new RateLimits(0, 0, 0, 1)).hasMessageContaining("address_bytes");
    }
}
