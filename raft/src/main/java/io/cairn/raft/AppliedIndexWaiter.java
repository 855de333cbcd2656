package io.cairn.raft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Futures that complete once this replica has applied a given log index, so that a write forwarded to the leader is
 * visible to local reads by the time the caller sees it succeed (read-your-writes on a follower). Thread-safe.
 */
final class AppliedIndexWaiter {
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiting = new ConcurrentSkipListMap<>();
    private volatile long applied;

    CompletableFuture<Void> await(long index) {
        if (index <= applied) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = waiting.computeIfAbsent(index, i -> new CompletableFuture<>());
        if (index <= applied) { // advance() ran between the check and the insertion
            complete(applied);
        }
        return future;
    }

    /** Called by the apply thread, in index order. */
    void advance(long index) {
        if (index > applied) {
            applied = index;
            complete(index);
        }
    }

    private void complete(long upTo) {
        var done = waiting.headMap(upTo, true);
        done.values().forEach(f -> f.complete(null));
        done.clear();
    }
}
