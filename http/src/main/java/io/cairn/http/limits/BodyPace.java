package io.cairn.http.limits;

import io.cairn.core.Sizes;
import java.time.Duration;
import java.util.Locale;

/**
 * How long the server may still wait for the next bytes of one request body. Two bounds: the body idle timeout since
 * the last byte; and, where the minimum rate applies, a grace period, then the credit the bytes received so far buy
 * at that rate. The grace period runs on the clock from the request's arrival (from the first read, for a client that
 * waits to be asked for its body with {@code Expect: 100-continue}); after it, only the time the server spends
 * waiting for the client counts against the credit: a server that stops reading (an upload waiting for transfer
 * memory or for a storage node) does not use up a client's credit, but a client that sent a few bytes and stopped
 * has none left when it is finally read. Not thread-safe: one request's reader owns it (handed over with
 * happens-before).
 */
public final class BodyPace {
    private static final long NANOS = 1_000_000_000L;

    private final long minRate;
    private final long graceNanos;
    private final long idleNanos;
    private boolean started;
    private long startNanos;
    private long graceEnd;
    private long bytes;
    private long idleWaitedNanos;
    private long waitedAfterGrace;

    BodyPace(long minRate, Duration grace, Duration idle) {
        this.minRate = minRate;
        this.graceNanos = grace.toNanos();
        this.idleNanos = idle.toNanos();
    }

    /** Starts the grace period at {@code now} (a {@link System#nanoTime}), unless it has started already. */
    public void start(long now) {
        if (!started) {
            started = true;
            startNanos = now;
            graceEnd = now + graceNanos;
        }
    }

    /** Body bytes arrived. */
    public void progress(long n) {
        if (n > 0) {
            bytes += n;
            idleWaitedNanos = 0;
        }
    }

    /** The server waited for the client from {@code from} to {@code to} (both {@link System#nanoTime}s). */
    public void waited(long from, long to) {
        if (to > from) {
            idleWaitedNanos += to - from;
            if (to > graceEnd) {
                waitedAfterGrace += to - Math.max(from, graceEnd);
            }
        }
    }

    public long bytes() {
        return bytes;
    }

    /**
     * How long the server may wait from {@code now} for more of the body; zero or less when the client is already too
     * slow. Starts the grace period if nothing did.
     *
     * @param rateApplies false for a caller the minimum rate does not apply to (a process of the cluster)
     */
    public long allowedWaitNanos(boolean rateApplies, long now) {
        start(now);
        long idle = idleNanos - idleWaitedNanos;
        if (!rateApplies || minRate <= 0) {
            return idle;
        }
        return Math.min(idle, byRate(now));
    }

    private long byRate(long now) {
        return saturatedAdd(Math.max(0, graceEnd - now), credit()) - waitedAfterGrace;
    }

    /** Nanoseconds of waiting the bytes received pay for at the minimum rate. */
    private long credit() {
        if (bytes > Long.MAX_VALUE / NANOS) {
            return Long.MAX_VALUE;
        }
        return bytes * NANOS / minRate;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Why the wait that ends at {@code now} ran out, for the client: which limit, and what it sent. */
    public String refusal(boolean rateApplies, long now) {
        start(now);
        boolean byRate = rateApplies && minRate > 0 && byRate(now) <= idleNanos - idleWaitedNanos;
        if (!byRate) {
            return "no byte of the request body came for " + seconds(idleWaitedNanos) + " s (BODY_IDLE_TIMEOUT "
                    + seconds(idleNanos) + " s)";
        }
        if (bytes == 0) {
            return "the request body did not start within " + seconds(now - startNanos) + " s";
        }
        return "the request body came too slowly: " + Sizes.human(bytes) + " in " + seconds(now - startNanos)
                + " s, less than the minimum of " + Sizes.human(minRate) + "/s after the first "
                + seconds(graceNanos) + " s (MIN_BODY_RATE)";
    }

    private static String seconds(long nanos) {
        String text = String.format(Locale.ROOT, "%.1f", nanos / 1e9);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
