package io.cairn.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private long nanos;
    private final SignInThrottle throttle = new SignInThrottle(() -> nanos);

    @Test
    void anAddressIsRefusedForTheRestOfTheWindowOnceItsFailuresAreUsedUp() {
        for (int i = 0; i < SignInThrottle.FAILURES; i++) {
            throttle.admit("192.0.2.1");
            throttle.failed("192.0.2.1");
        }
        assertThatThrownBy(() -> throttle.admit("192.0.2.1")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(e.retryAfter()).hasValue(SignInThrottle.WINDOW);
        });
        throttle.admit("192.0.2.2");
        nanos += SignInThrottle.WINDOW.toNanos() - Duration.ofSeconds(1).toNanos();
        assertThatThrownBy(() -> throttle.admit("192.0.2.1")).isInstanceOf(CairnException.class);
        nanos += Duration.ofSeconds(1).toNanos();
        throttle.admit("192.0.2.1");
    }

    @Test
    void aSuccessForgetsTheFailuresBeforeIt() {
        for (int i = 0; i < SignInThrottle.FAILURES - 1; i++) {
            throttle.failed("192.0.2.1");
        }
        throttle.succeeded("192.0.2.1");
        throttle.failed("192.0.2.1");
        throttle.admit("192.0.2.1");
    }
}
