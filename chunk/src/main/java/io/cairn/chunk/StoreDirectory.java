package io.cairn.chunk;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every store in one data directory shares: the directory's lock (one process per directory), its identity
 * ({@code chunks/store-id}), its generation clock, its quarantine, its space rules and its usage counts. Opened once;
 * the stores in it add to its counts, so usage and the capacity limit cover all of them. Thread-safe.
 */
final class StoreDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);
    private static final String STORE_ID_FILE = "store-id";

    private final Path root;
    private final Path chunksDir;
    private final Path quarantineDir;
    private final double reserveFraction;
    private final long capacityLimit;
    private final FileStore fileStore;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final GenerationClock clock = new GenerationClock();
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong chunkCount = new AtomicLong();
    private String storeId; // set once by prepare(), before the directory is handed out
    private volatile boolean closed;

    private StoreDirectory(Path root, double reserveFraction, long capacityLimit, FileChannel lockChannel,
                           FileLock lock) throws IOException {
        this.root = root;
        this.chunksDir = root.resolve("chunks");
        this.quarantineDir = root.resolve("quarantine");
        this.reserveFraction = reserveFraction;
        this.capacityLimit = capacityLimit;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.fileStore = Files.getFileStore(root);
    }

    /**
     * Takes the directory's lock and gives a new chunk directory its identity.
     *
     * @throws IllegalStateException when another process, or another store in this process, has the directory open
     */
    static StoreDirectory open(Path dataDir, double reserveFraction, long capacityLimit) throws IOException {
        if (!(reserveFraction >= 0 && reserveFraction <= 1)) {
            throw new IllegalArgumentException("the reserve must be a fraction from 0 to 1, got " + reserveFraction);
        }
        if (capacityLimit < 0) {
            throw new IllegalArgumentException("the capacity limit must not be negative, got " + capacityLimit);
        }
        Path root = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileChannel lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new IllegalStateException("chunk directory " + root + " is already open in this process");
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("chunk directory " + root + " is in use by another process");
        }
        StoreDirectory directory = null;
        try {
            directory = new StoreDirectory(root, reserveFraction, capacityLimit, lockChannel, lock);
            directory.prepare();
            return directory;
        } catch (IOException | RuntimeException | Error e) {
            if (directory != null) {
                directory.close();
            } else {
                lockChannel.close();
            }
            throw e;
        }
    }

    private void prepare() throws IOException {
        DurableFiles.createDirectory(chunksDir);
        // The directories may have been created by a process that crashed before making their entries durable (or
        // by a caller that never fsyncs): two fsyncs per open make sure every put below stands on durable ground.
        DurableFiles.fsyncDirectory(root);
        if (root.getParent() != null) {
            DurableFiles.fsyncDirectory(root.getParent());
        }
        storeId = loadOrCreateStoreId();
        DurableFiles.createDirectory(quarantineDir);
    }

    /**
     * Reads the store's identity, or creates it in a chunk directory that has none (a new one, or one from before
     * stores had identities). It lives inside {@code chunks/} so that whatever replaces or wipes the chunks also
     * replaces the identity.
     */
    private String loadOrCreateStoreId() throws IOException {
        Path file = chunksDir.resolve(STORE_ID_FILE);
        String id;
        try {
            id = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            id = UUID.randomUUID().toString();
            DurableFiles.writeAtomically(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.info("chunk store {} has the new identity {}", root, id);
            return id;
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a store id (a UUID); if the chunks beside it are "
                    + "this node's, delete the file to give the store a new identity");
        }
        return id;
    }

    Path root() {
        return root;
    }

    Path chunksDir() {
        return chunksDir;
    }

    Path quarantineDir() {
        return quarantineDir;
    }

    /** Where a corrupt copy of {@code id} with {@code generation} is moved to. */
    Path quarantinePath(ChunkId id, long generation) {
        return quarantineDir.resolve(id.hex() + "." + generation);
    }

    String storeId() {
        return storeId;
    }

    GenerationClock clock() {
        return clock;
    }

    /** Records a chunk added ({@code +1}) or removed ({@code -1}) and the change in bytes held. */
    void count(long chunks, long bytes) {
        chunkCount.addAndGet(chunks);
        usedBytes.addAndGet(bytes);
    }

    long usedBytes() {
        return usedBytes.get();
    }

    long chunkCount() {
        return chunkCount.get();
    }

    /**
     * Refuses, before anything is read, a put of {@code length} bytes that would eat into the reserve: the writer
     * should place the chunk on another node.
     */
    void checkRoom(long length) {
        long free = freeBytes();
        long reserve = reserveBytes();
        if (free - length < reserve) {
            throw new CairnException(ErrorCode.INSUFFICIENT_STORAGE, "this node keeps " + Sizes.human(reserve)
                    + " of its disk free and has " + Sizes.human(free) + " free: no room for a chunk of " + length
                    + " bytes; place it on another node");
        }
    }

    long capacityBytes() {
        try {
            long total = fileStore.getTotalSpace();
            return capacityLimit > 0 ? Math.min(capacityLimit, total) : total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long freeBytes() {
        try {
            long usable = fileStore.getUsableSpace();
            return capacityLimit > 0 ? Math.max(0, Math.min(usable, capacityLimit - usedBytes.get())) : usable;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long reserveBytes() {
        return (long) (capacityBytes() * reserveFraction);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store " + root + " is closed");
        }
    }

    /** Releases the directory's lock. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
