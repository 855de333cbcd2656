package io.cairn.chunk;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The generations of one chunk directory: the wall clock in nanoseconds, or one more than the last generation given
 * when the clock has not moved past it, so every stamp is larger than any before, across both stores of the
 * directory and (seeded at open from the newest stamp on disk) across restarts. Thread-safe.
 */
final class GenerationClock {
    /** Where a stamp is kept, answering the value actually kept (a file system may keep it less precisely). */
    interface Keeper {
        long keep(long candidate) throws IOException;
    }

    /** How far ahead a stamp is moved when the keeper rounded it down to one already given; doubles per try. */
    private static final long MAX_STEP = 600_000_000_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private long last; // guarded by lock

    /** Records a stamp found on disk, so later ones are larger. */
    void advancePast(long seen) {
        lock.lock();
        try {
            last = Math.max(last, seen);
        } finally {
            lock.unlock();
        }
    }

    /** A new generation kept exactly as given (a volume record stores it as a number). */
    long next() {
        try {
            return next(candidate -> candidate);
        } catch (IOException e) {
            throw new AssertionError("an exact keeper cannot fail", e);
        }
    }

    /**
     * A new generation, kept by {@code keeper}: when what it keeps is not larger than the last one given, the stamp
     * is moved further ahead until it is.
     */
    long next(Keeper keeper) throws IOException {
        lock.lock();
        try {
            Instant now = Instant.now();
            long candidate = Math.max(now.getEpochSecond() * 1_000_000_000L + now.getNano(), last + 1);
            for (long ahead = 2; ; ahead *= 2) {
                long kept = keeper.keep(candidate);
                if (kept > last) {
                    last = kept;
                    return kept;
                }
                if (ahead > MAX_STEP) {
                    throw new IOException("the store's file system does not keep modification times precisely "
                            + "enough to tell chunk generations apart");
                }
                candidate = last + ahead;
            }
        } finally {
            lock.unlock();
        }
    }
}
