package io.cairn.client;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sizes;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admission of a gateway's transfers by the memory they hold (MAX_BUFFER_MEMORY), whichever API they come through:
 * before it reads a byte of its body or fetches a chunk, a transfer reserves the most its buffers can ever take of the
 * heap (an upload its window of chunk buffers, a download its read-ahead; {@link ObjectUploader#memory},
 * {@link ObjectReader#memory}; each buffer at its {@link #heapCost}), all at once, and gives it back when it has let go of the last buffer. Uploads are also
 * counted against {@code maxUploads} (MAX_CONCURRENT_UPLOADS), taken in the same step. A reservation that does not
 * fit waits in one first-come, first-served queue, so a large transfer is not overtaken forever by small ones (a
 * download passes uploads that wait for a slot alone, leaving their memory free); after the queue timeout it is
 * refused with UNAVAILABLE and a Retry-After (HTTP 503; S3 SlowDown).
 * <p>
 * A request takes everything it needs in one reservation and never waits while holding one (growth is only ever
 * tried, {@link Reservation#tryGrow}), so no set of requests can wait for each other. Thread-safe; one per gateway.
 */
public final class TransferMemory {
    /** What a refused client is told to wait before it tries again: buffers come free as transfers end. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    /** A byte array's header (mark word, class pointer, length). */
    private static final long ARRAY_HEADER = 16;
    /** G1's region size, 0 under another collector. */
    private static final long REGION = g1RegionSize();

    private final long capacity;
    private final int maxUploads;
    private final Duration queueTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private long reserved;
    private int uploads;
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong admitted = new AtomicLong();

    /**
     * @param capacity     bytes all transfers may hold at once
     * @param maxUploads   uploads that may stream at once, whatever their size
     * @param queueTimeout how long a transfer waits for its reservation before it is refused
     */
    public TransferMemory(long capacity, int maxUploads, Duration queueTimeout) {
        if (capacity <= 0 || maxUploads <= 0) {
            throw new IllegalArgumentException("capacity and maxUploads must be positive");
        }
        this.capacity = capacity;
        this.maxUploads = maxUploads;
        this.queueTimeout = queueTimeout;
    }

    /**
     * The heap a byte array of {@code length} takes, which is what the budget counts: its header and, under G1, for
     * an array of half a region or more (a humongous object), the whole regions it is given alone. A 4 MiB chunk
     * buffer takes five 1 MiB regions of a 256 MiB heap and two 4 MiB regions of an 8 GiB heap.
     */
    public static long heapCost(long length) {
        long object = length + ARRAY_HEADER;
        if (REGION > 0 && object >= REGION / 2) {
            return (object + REGION - 1) / REGION * REGION;
        }
        return object;
    }

    private static long g1RegionSize() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || !"true".equals(vm.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException | LinkageError e) {
            // Not a HotSpot JVM: count arrays by their length.
            return 0;
        }
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes reserved now (held by transfers, or by the work they handed their buffers to). */
    public long reserved() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    /** Transfers waiting for their reservation now. */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Transfers refused since start because their reservation did not come within the queue timeout. */
    public long refusals() {
        return refusals.get();
    }

    /** Reservations granted since start. */
    public long admitted() {
        return admitted.get();
    }

    /** A reservation of nothing, for a request that moves no bytes (a HEAD, an empty range). */
    public static Reservation none() {
        return new Reservation(null, 0, false);
    }

    /**
     * Reserves {@code bytes} for one transfer (and, for an upload, one of the upload slots), waiting up to the queue
     * timeout behind the transfers that asked first.
     *
     * @param what what the transfer is, for the refusal's message ("upload", "download")
     * @throws CairnException UNAVAILABLE with a Retry-After when the reservation did not come in time; UNAVAILABLE
     *                        without one when {@code bytes} is more than the whole budget (waiting cannot help)
     */
    public Reservation reserve(long bytes, boolean upload, String what) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation: " + bytes);
        }
        if (bytes > capacity) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "this " + what + " needs " + Sizes.human(bytes)
                    + " of buffers, more than this gateway's whole transfer memory of " + Sizes.human(capacity)
                    + " (MAX_BUFFER_MEMORY)");
        }
        long deadline = System.nanoTime() + queueTimeout.toNanos();
        Waiter self = new Waiter(bytes, upload, lock.newCondition());
        lock.lock();
        try {
            queue.addLast(self);
            try {
                while (!mayGo(self)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        refusals.incrementAndGet();
                        throw new CairnException(ErrorCode.UNAVAILABLE, "the gateway is busy: this " + what
                                + " waited " + queueTimeout.toSeconds() + " s for " + Sizes.human(bytes)
                                + " of its transfer memory (" + Sizes.human(capacity) + ", MAX_BUFFER_MEMORY"
                                + (upload ? ") or for one of its " + maxUploads + " upload slots (MAX_CONCURRENT_UPLOADS"
                                : "") + "), which other transfers hold; retry later", RETRY_AFTER);
                    }
                    self.turn.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted while waiting for transfer memory",
                        RETRY_AFTER);
            } finally {
                // Admitted or given up: either way out of the queue, and whoever is first now may fit.
                queue.remove(self);
                signalNext();
            }
            reserved += bytes;
            if (upload) {
                uploads++;
            }
            admitted.incrementAndGet();
            return new Reservation(this, bytes, upload);
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long bytes, boolean upload) {
        return reserved + bytes <= capacity && (!upload || uploads < maxUploads);
    }

    /**
     * Whether {@code self} may take its reservation now: first come, first served, with one exception. A transfer
     * that needs no upload slot (a download) may pass uploads that wait for a slot alone, if what it takes leaves their
     * memory free: a download never waits behind uploads whose clients are slow to send, and they lose nothing.
     */
    private boolean mayGo(Waiter self) {
        if (!fits(self.bytes(), self.upload())) {
            return false;
        }
        long ahead = 0;
        for (Waiter waiter : queue) {
            if (waiter == self) {
                return reserved + ahead + self.bytes() <= capacity;
            }
            if (self.upload() || !waiter.upload() || uploads < maxUploads) {
                return false;
            }
            ahead += waiter.bytes();
        }
        return false;
    }

    /** Takes more for a reservation only if it is free now and nobody waits: never waits, so it cannot deadlock. */
    private boolean tryTake(long bytes) {
        lock.lock();
        try {
            if (!queue.isEmpty() || reserved + bytes > capacity) {
                return false;
            }
            reserved += bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void release(long bytes, boolean upload) {
        lock.lock();
        try {
            reserved -= bytes;
            if (upload) {
                uploads--;
            }
            signalNext();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the first in line and, if it waits for an upload slot, the first that needs none ({@link #mayGo}). */
    private void signalNext() {
        Waiter head = queue.peekFirst();
        if (head == null) {
            return;
        }
        head.turn().signal();
        if (head.upload() && uploads >= maxUploads) {
            for (Waiter waiter : queue) {
                if (!waiter.upload()) {
                    waiter.turn().signal();
                    return;
                }
            }
        }
    }

    private record Waiter(long bytes, boolean upload, Condition turn) {
    }

    /**
     * Bytes held for one transfer. Closing it gives them back, unless work the transfer handed its buffers to is still
     * running ({@link #holdUntil}): then they are given back when the last of that work ends. Thread-safe.
     */
    public static final class Reservation implements AutoCloseable {
        private final TransferMemory owner;
        private final AtomicLong bytes;
        private final boolean upload;
        // One hold for the owner of the reservation (released by close), one per holdUntil still running.
        private final AtomicInteger holds = new AtomicInteger(1);
        private final AtomicBoolean closed = new AtomicBoolean();

        private Reservation(TransferMemory owner, long bytes, boolean upload) {
            this.owner = owner;
            this.bytes = new AtomicLong(bytes);
            this.upload = upload;
        }

        /** Bytes this reservation holds. */
        public long bytes() {
            return bytes.get();
        }

        /**
         * Takes {@code more} bytes too if they are free now and no transfer is waiting; never waits.
         *
         * @return whether they were taken
         */
        public boolean tryGrow(long more) {
            if (more <= 0) {
                return true;
            }
            if (owner == null || !owner.tryTake(more)) {
                return false;
            }
            bytes.addAndGet(more);
            return true;
        }

        /** Keeps the bytes reserved, past {@link #close}, until {@code work} (which still holds buffers) ends. */
        public void holdUntil(CompletionStage<?> work) {
            holds.incrementAndGet();
            work.whenComplete((result, error) -> drop());
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                drop();
            }
        }

        private void drop() {
            if (holds.decrementAndGet() == 0 && owner != null) {
                owner.release(bytes.get(), upload);
            }
        }
    }

}
