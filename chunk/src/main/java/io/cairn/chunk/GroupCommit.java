package io.cairn.chunk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One fdatasync for every write finished before it started. A writer takes a ticket once its bytes are written (in
 * the order the writes finished) and waits for a force that covers it: the first waiter with no force running leads
 * one, covering every ticket handed out when it starts; the writers that arrive meanwhile are covered by the next,
 * led by one of them. A failed force fails every waiter and every later one: after a failed fsync what the disk holds
 * is unknown, so nothing more may be acknowledged until the store is reopened and has read it back. Thread-safe.
 */
final class GroupCommit {
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition forced = lock.newCondition();
    private volatile long issued; // written only under the caller's append lock
    private long durable; // guarded by lock
    private boolean forcing; // guarded by lock
    private IOException failure; // guarded by lock

    GroupCommit(FileChannel channel) {
        this.channel = channel;
    }

    /** The ticket of a write that has just finished. The caller serialises calls (its append lock). */
    long issue() {
        long next = issued + 1;
        issued = next;
        return next;
    }

    /** Returns once a force started after {@code ticket} was issued has completed. */
    void await(long ticket) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw new IOException("an earlier fsync of this volume failed; reopen the store", failure);
                }
                if (durable >= ticket) {
                    return;
                }
                if (forcing) {
                    forced.await();
                    continue;
                }
                forcing = true;
                long target = issued;
                IOException failed = null;
                lock.unlock();
                try {
                    channel.force(false);
                } catch (IOException e) {
                    failed = e;
                } finally {
                    lock.lock();
                    forcing = false;
                    if (failed != null) {
                        failure = failed;
                    } else {
                        durable = Math.max(durable, target);
                    }
                    forced.signalAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a volume's fsync");
        } finally {
            lock.unlock();
        }
    }

    /** Whether a force has failed (the volume then takes no more writes). */
    boolean failed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }
}
