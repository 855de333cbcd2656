package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The read view readers use: the latest published {@link StoreSnapshot}, reference-counted so that publishing a new
 * one never pulls a snapshot from under a read in progress. The last reference to go releases the snapshot.
 *
 * <p>One thread publishes (the apply thread); any number of threads read. Reads are meant to be short: a snapshot
 * held long keeps RocksDB from dropping the versions of keys it pins.
 */
final class ReadViews implements AutoCloseable {
    /** Reads are point lookups and page scans; anything still running after this at close is a bug. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final AtomicReference<Shared> current = new AtomicReference<>();
    private final AtomicInteger unreleased = new AtomicInteger();
    private volatile boolean closed;

    /** Makes {@code snapshot} the view of every read that starts from now on; this object now owns it. */
    void publish(StoreSnapshot snapshot) {
        if (closed) {
            snapshot.close();
            throw new IllegalStateException("read views are closed");
        }
        unreleased.incrementAndGet();
        Shared fresh = new Shared(snapshot);
        Shared previous = current.getAndSet(fresh);
        if (previous != null) {
            previous.release();
        }
        if (closed && current.compareAndSet(fresh, null)) {
            fresh.release(); // close() ran meanwhile and must not wait for a view nobody will release
        }
    }

    /** Runs {@code query} against the current view; the view stays valid until {@code query} returns. */
    <T> T read(Function<KeyValueView, T> query) {
        return withCurrent(view -> query.apply(view.snapshot));
    }

    /**
     * Like {@link #read}, but answers from what an earlier call with the same {@code key} computed on the same view:
     * a view never changes, so the answer stays exact until the next publish. For small, hot, whole-kind reads (the
     * node registry, read by every placement and commit) whose answer must be immutable.
     */
    @SuppressWarnings("unchecked")
    <T> T readMemoized(String key, Function<KeyValueView, T> query) {
        return withCurrent(view -> (T) view.memo.computeIfAbsent(key, k -> query.apply(view.snapshot)));
    }

    private <T> T withCurrent(Function<Shared, T> use) {
        while (true) {
            Shared view = current.get();
            if (view == null) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "the metadata store is closed");
            }
            if (view.retain()) {
                try {
                    return use.apply(view);
                } finally {
                    view.release();
                }
            }
            // Lost a race with publish(): that view was just released, a newer one is current.
        }
    }

    /** Stops new reads and waits for those in progress, so the store can be closed safely afterwards. */
    @Override
    public void close() {
        closed = true;
        Shared last = current.getAndSet(null);
        if (last != null) {
            last.release();
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (unreleased.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(unreleased.get() + " metadata read views still in use after "
                        + CLOSE_WAIT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private final class Shared {
        final StoreSnapshot snapshot;
        final Map<String, Object> memo = new ConcurrentHashMap<>();
        /** 1 for being current, plus 1 per read in progress; 0 means released for good. */
        private final AtomicInteger refs = new AtomicInteger(1);

        Shared(StoreSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        boolean retain() {
            while (true) {
                int n = refs.get();
                if (n == 0) {
                    return false;
                }
                if (refs.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                snapshot.close();
                unreleased.decrementAndGet();
            }
        }
    }
}
