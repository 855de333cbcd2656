package io.cairn.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One volume file: records appended at its end under a short lock (the write included, so the file's order is the
 * order the writes finished in), made durable by a {@link GroupCommit}, read with positional reads by any number of
 * streams at once. Reference counted: the store holds one reference while the volume is in use, every reader and
 * writer one while it works, and the channel closes when the last is released, so a volume compacted away keeps
 * serving the streams that were reading it (its unlinked file keeps its bytes). Thread-safe.
 */
final class Volume {
    /** Where an append landed and the ticket its durability waits for. */
    record Appended(long offset, long ticket) {
    }

    private final int number;
    private final Path path;
    private final FileChannel channel;
    private final GroupCommit commit;
    private final ReentrantLock appendLock = new ReentrantLock();
    /**
     * Gathers each record of the active volume before its one write: a heap buffer written from a virtual thread
     * would cost a fresh temporary direct buffer per call. Grows to the largest record; dropped when the volume is
     * sealed (a sealed volume takes only the odd tombstone, and a node has many). Guarded by appendLock.
     */
    private ByteBuffer staging;
    private long end; // guarded by appendLock
    private volatile boolean sealed;
    /** Puts appended here whose index entry is not yet settled: compaction waits for none. */
    private final AtomicInteger pendingPuts = new AtomicInteger();
    /** Bytes of the records the index points at. */
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicInteger references = new AtomicInteger(1);

    private Volume(int number, Path path, FileChannel channel, long end) {
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.commit = new GroupCommit(channel);
        this.end = end;
    }

    /** Opens an existing volume file, or creates one (the caller makes its directory entry durable). */
    static Volume open(int number, Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            return new Volume(number, path, channel, channel.size());
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    static String fileName(int number) {
        return String.format("%06d.vol", number);
    }

    int number() {
        return number;
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * Appends a whole record. A put ({@code put} true) counts as pending until {@link #putSettled()}; a put is refused
     * (null) once the volume is sealed, other records never are.
     */
    Appended append(ByteBuffer record, boolean put) throws IOException {
        appendLock.lock();
        try {
            if (put && sealed) {
                return null;
            }
            if (commit.failed()) {
                throw new IOException("volume " + path + " failed an fsync and takes no more writes; reopen the store");
            }
            ByteBuffer bytes = record.duplicate();
            if (!sealed) {
                if (staging == null || staging.capacity() < bytes.remaining()) {
                    staging = ByteBuffer.allocateDirect(Math.max(64 * 1024, bytes.remaining()));
                }
                bytes = staging.clear().put(bytes).flip();
            }
            long at = end;
            int start = bytes.position();
            // The end moves past whatever was written even if the write fails half-way: the torn bytes are never
            // overwritten, and a reopen skips them.
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes, at + bytes.position() - start);
                }
            } finally {
                end = at + bytes.position() - start;
            }
            if (put) {
                pendingPuts.incrementAndGet();
            }
            return new Appended(at, commit.issue());
        } finally {
            appendLock.unlock();
        }
    }

    /** Returns once the append with {@code ticket} is on the disk. */
    void awaitDurable(long ticket) throws IOException {
        commit.await(ticket);
    }

    /** A put appended here has settled its index entry (or failed). */
    void putSettled() {
        pendingPuts.decrementAndGet();
    }

    /** Takes no more puts from now on (tombstones still come). */
    void seal() {
        appendLock.lock();
        try {
            sealed = true;
            staging = null;
        } finally {
            appendLock.unlock();
        }
    }

    boolean sealed() {
        return sealed;
    }

    /** Sealed and with no put still settling: what compaction needs before it reads the volume. */
    boolean settled() {
        return sealed && pendingPuts.get() == 0;
    }

    long size() {
        appendLock.lock();
        try {
            return end;
        } finally {
            appendLock.unlock();
        }
    }

    /** Cuts the file at {@code size} (a torn tail found at open) and makes the cut durable. */
    void truncate(long size) throws IOException {
        appendLock.lock();
        try {
            channel.truncate(size);
            channel.force(true);
            end = size;
        } finally {
            appendLock.unlock();
        }
    }

    void addLive(long bytes) {
        liveBytes.addAndGet(bytes);
    }

    long liveBytes() {
        return liveBytes.get();
    }

    /** A reference for a reader or writer; false when the volume is already closed (it was compacted away). */
    boolean retain() {
        while (true) {
            int held = references.get();
            if (held <= 0) {
                return false;
            }
            if (references.compareAndSet(held, held + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the channel. */
    void release() throws IOException {
        if (references.decrementAndGet() == 0) {
            channel.close();
        }
    }
}
