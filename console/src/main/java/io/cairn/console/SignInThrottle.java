package io.cairn.console;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds guessing secrets through the sign-in form: each client address may fail {@link #FAILURES} sign-ins per
 * {@link #WINDOW}, then is refused until the window ends, right secret or not (else the answer to a guess would
 * still tell whether it was right). Holds at most {@link #ADDRESSES} addresses, and starts again empty when full.
 */
final class SignInThrottle {
    static final int FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int ADDRESSES = 10_000;

    private record Failures(long windowStart, int count) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    SignInThrottle(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Refuses (TOO_MANY_REQUESTS, with when to try again) an address that used up its failures. */
    void admit(String address) {
        Failures seen = failures.get(address);
        long now = nanos.getAsLong();
        if (seen == null || now - seen.windowStart() >= WINDOW.toNanos() || seen.count() < FAILURES) {
            return;
        }
        Duration left = Duration.ofNanos(WINDOW.toNanos() - (now - seen.windowStart()));
        throw new CairnException(ErrorCode.TOO_MANY_REQUESTS, "too many failed sign-ins from this address: try "
                + "again in " + Math.max(1, left.toSeconds()) + " s", left);
    }

    void succeeded(String address) {
        failures.remove(address);
    }

    void failed(String address) {
        if (failures.size() >= ADDRESSES) {
            failures.clear();
        }
        long now = nanos.getAsLong();
        failures.merge(address, new Failures(now, 1), (old, first) -> now - old.windowStart() >= WINDOW.toNanos()
                ? first : new Failures(old.windowStart(), old.count() + 1));
    }
}
