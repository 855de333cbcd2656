package io.cairn.client;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks which of several controllers a call goes to. Every controller serves the whole internal API (a follower
 * forwards writes to the Raft leader), so any live one will do: calls go to the controller that answered last, and a
 * call answered UNAVAILABLE (unreachable, timed out, or a 503 from a controller without a leader) moves on to the next
 * URL. Any other error is thrown at once: it is the cluster's answer, and every controller would give the same.
 *
 * <p>After a whole round of UNAVAILABLE answers the call pauses (50 ms, doubling up to 1 s) so an election is waited
 * out rather than hammered. It gives up with the last error once the failover deadline has passed and every
 * controller was tried at least once, so one controller hanging until its request timeout cannot use up the deadline
 * before the others were asked. Retrying is safe because commits carry an idempotency request id.
 *
 * <p>Thread-safe: the controller that answered last is shared by all calls, and switching to another is logged once.
 */
final class ControllerFailover {
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ControllerFailover.class);

    private final List<String> baseUrls;
    private final Duration deadline;
    private final AtomicInteger current = new AtomicInteger();

    ControllerFailover(List<String> controllerUrls, Duration deadline) {
        if (controllerUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one controller URL is needed");
        }
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("the failover deadline must not be negative, got " + deadline);
        }
        this.baseUrls = controllerUrls.stream().map(HttpTransport::withoutTrailingSlash).toList();
        this.deadline = deadline;
    }

    /** Runs {@code call} with a controller's base URL, moving on to the next controller as described above. */
    <T> T call(Function<String, T> call) {
        int start = current.get();
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        CairnException firstError = null;
        for (int attempt = 1; ; attempt++) {
            int index = (start + attempt - 1) % baseUrls.size();
            try {
                T result = call.apply(baseUrls.get(index));
                answered(start, index, firstError);
                return result;
            } catch (CairnException e) {
                if (e.code() != ErrorCode.UNAVAILABLE) {
                    answered(start, index, firstError);
                    throw e;
                }
                long left = giveUpAt - System.nanoTime();
                if (Thread.currentThread().isInterrupted() || (left <= 0 && attempt >= baseUrls.size())) {
                    throw e;
                }
                firstError = firstError == null ? e : firstError;
                if (attempt % baseUrls.size() == 0) {
                    pause(Math.min(pauseMillis, Math.max(1, left / 1_000_000)), e);
                    pauseMillis = Math.min(2 * pauseMillis, MAX_PAUSE_MILLIS);
                }
            }
        }
    }

    /** Makes the controller that answered the one later calls start with; logs the switch once. */
    private void answered(int start, int index, CairnException firstError) {
        if (index != start && current.compareAndSet(start, index)) {
            LOG.warn("controller {} is unavailable ({}); switched to controller {}", baseUrls.get(start),
                    firstError.getMessage(), baseUrls.get(index));
        }
    }

    private static void pause(long millis, CairnException lastError) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lastError;
        }
    }
}
