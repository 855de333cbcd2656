package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders commands and acknowledges them only once durable, with one WAL fsync per group of commands (group commit):
 * the apply thread takes up to {@link #MAX_GROUP} queued commands, applies each in order as its own log entry, syncs
 * the WAL once, publishes a read view that includes the group, and only then completes the group's futures. So a
 * completed future means the command survives a crash, and a reader never sees what could still be lost.
 *
 * <p>This is the local stand-in for a replicated log: a Raft log would take the place of the queue and the fsync,
 * with callers unchanged.
 *
 * <p>Thread-safe: any thread may {@link #submit}. The one platform thread "meta-apply" owns the state machine and is
 * the only writer of the store. Futures are completed on a fresh virtual thread per group, never on the apply
 * thread, so a caller's continuation cannot stall (or deadlock) the log. If the store fails, the log fails every
 * pending and later command with {@link ErrorCode#INTERNAL} and stops: a replica whose disk misbehaves must not go on.
 */
public final class CommandLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLog.class);
    /** Bounds the latency a group adds to its first command and the work lost if one group fails. */
    static final int MAX_GROUP = 512;
    private static final Pending STOP = new Pending(null, null);

    private final MetaStateMachine machine;
    private final MetaStore store;
    private final ReadViews views;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Null while accepting commands; afterwards the error every later submit fails with. */
    private volatile CairnException stopped;

    CommandLog(MetaStateMachine machine, MetaStore store, ReadViews views) {
        this.machine = machine;
        this.store = store;
        this.views = views;
        // A platform thread: RocksDB writes and fsync are native calls that would pin a virtual thread's carrier.
        this.thread = Thread.ofPlatform().name("meta-apply").unstarted(this::run);
        thread.start();
    }

    /**
     * Queues {@code command}. The future completes with the result once the command is durable and visible to
     * {@link MetaReader}s, or exceptionally with a {@link CairnException} (INTERNAL if the store failed, in which case
     * the command may or may not have been applied; UNAVAILABLE if the log is closed).
     */
    public CompletableFuture<ApplyResult> submit(MetaCommand command) {
        Objects.requireNonNull(command, "command");
        CairnException stop = stopped;
        if (stop != null) {
            return CompletableFuture.failedFuture(stop);
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        queue.add(pending);
        // The apply thread may have stopped, and drained the queue for the last time, just before add().
        stop = stopped;
        if (stop != null && queue.remove(pending)) {
            pending.future.completeExceptionally(stop);
        }
        return pending.future;
    }

    /** Applies everything submitted before this call, then stops the apply thread. Idempotent. */
    @Override
    public void close() {
        stopWith(new CairnException(ErrorCode.UNAVAILABLE, "the metadata log is closed"));
        queue.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        try {
            boolean stop = false;
            while (!stop) {
                group.clear();
                group.add(queue.take());
                queue.drainTo(group, MAX_GROUP - 1);
                stop = group.removeIf(p -> p == STOP);
                if (!group.isEmpty()) {
                    commit(group);
                }
            }
        } catch (InterruptedException e) {
            stopWith(new CairnException(ErrorCode.UNAVAILABLE, "the metadata log was interrupted"));
        } catch (Throwable e) {
            LOG.error("metadata log stopped: the store failed", e);
            CairnException failure = new CairnException(ErrorCode.INTERNAL,
                    "the metadata store failed; the outcome of this change is unknown: " + e.getMessage(), e);
            stopWith(failure);
            group.forEach(p -> p.future.completeExceptionally(failure));
        } finally {
            List<Pending> rest = new ArrayList<>();
            queue.drainTo(rest);
            rest.stream().filter(p -> p != STOP).forEach(p -> p.future.completeExceptionally(stopped));
        }
    }

    private void commit(List<Pending> group) {
        ApplyResult[] results = new ApplyResult[group.size()];
        for (int i = 0; i < results.length; i++) {
            // Term 0: this local log has no terms.
            results[i] = machine.apply(0, machine.applied().index() + 1, group.get(i).command);
        }
        store.syncWal();
        views.publish(store.snapshot());
        List<Pending> done = List.copyOf(group);
        Thread.ofVirtual().name("meta-complete").start(() -> {
            for (int i = 0; i < results.length; i++) {
                done.get(i).future.complete(results[i]);
            }
        });
    }

    private synchronized void stopWith(CairnException reason) {
        if (stopped == null) {
            stopped = reason;
        }
    }

    private record Pending(MetaCommand command, CompletableFuture<ApplyResult> future) {
    }
}
