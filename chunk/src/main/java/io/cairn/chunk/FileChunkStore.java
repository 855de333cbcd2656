package io.cairn.chunk;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChunkStore} in a directory of one local file system:
 *
 * <pre>
 * dataDir/lock                  held (OS file lock) while the store is open: one process per directory
 * dataDir/chunks/ab/abcd…       one file per chunk, named by its SHA-256 hex, in 256 fan-out directories
 * dataDir/chunks/ab/abcd….N.tmp a write in progress, beside its target so the rename touches one directory;
 *                               deleted at open (leftovers of a crash)
 * </pre>
 *
 * <p>Thread-safe. Writes of different chunks run fully in parallel; the rename and the usage accounting of one id are
 * serialised by a lock stripe, so two concurrent puts of the same id both succeed and leave one correct file, and the
 * in-memory counts stay exact. Reads take no lock: a rename replaces a directory entry atomically and an open file
 * keeps its bytes even if it is replaced or deleted, so a reader never sees a partial chunk.
 *
 * <p>The store owns its directory (the lock file makes a second opener fail) and must be {@link #close() closed}.
 */
public final class FileChunkStore implements ChunkStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileChunkStore.class);
    /** Bounded copy buffer: a chunk is streamed, never held in memory. */
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int STRIPES = 64;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Predicate<String> FAN_OUT_NAME = name -> name.length() == 2 && isLowerHex(name);

    private final Path root;
    private final Path chunksDir;
    private final FileStore fileStore;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final WriteBuffers writeBuffers = new WriteBuffers();
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong chunkCount = new AtomicLong();
    private final AtomicLong tempSequence = new AtomicLong();
    private volatile boolean closed;

    private FileChunkStore(Path root, FileChannel lockChannel, FileLock lock) throws IOException {
        this.root = root;
        this.chunksDir = root.resolve("chunks");
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.fileStore = Files.getFileStore(root);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}: takes the directory's lock, deletes leftover temporary
     * files and counts the chunks present.
     *
     * @throws IllegalStateException when another process, or another store in this process, has the directory open
     */
    public static FileChunkStore open(Path dataDir) throws IOException {
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
        FileChunkStore store = null;
        try {
            store = new FileChunkStore(root, lockChannel, lock);
            store.prepare();
            return store;
        } catch (IOException | RuntimeException | Error e) {
            if (store != null) {
                store.close();
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
        createFanOut();
        long count = 0;
        long bytes = 0;
        int removed = 0;
        for (String fan : sortedNames(chunksDir, FAN_OUT_NAME)) {
            Path dir = chunksDir.resolve(fan);
            for (String name : sortedNames(dir, n -> n.startsWith(fan) && n.endsWith(TEMP_SUFFIX))) {
                // A temp file is never acknowledged: whatever wrote it failed or crashed before its rename.
                Files.deleteIfExists(dir.resolve(name));
                removed++;
            }
            for (String name : sortedNames(dir, n -> n.startsWith(fan) && ChunkId.isValid(n))) {
                try {
                    bytes += Files.size(dir.resolve(name));
                    count++;
                } catch (NoSuchFileException e) {
                    // Gone between listing and sizing: not counted.
                }
            }
        }
        if (removed > 0) {
            LOG.info("removed {} unfinished chunk write(s) left in {}", removed, chunksDir);
        }
        usedBytes.set(bytes);
        chunkCount.set(count);
        LOG.debug("opened chunk store {}: {} chunks, {} bytes", root, count, bytes);
    }

    /**
     * Creates the 256 fan-out directories up front, with one fsync of their parent, so that a put never creates (and
     * makes durable) a directory on its own path. At a few million chunks per node that is some ten thousand files
     * per directory, which ext4 and XFS index without trouble.
     */
    private void createFanOut() throws IOException {
        boolean created = false;
        for (int i = 0; i < 256; i++) {
            Path dir = chunksDir.resolve(String.format("%02x", i));
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                created = true;
            }
        }
        if (created) {
            DurableFiles.fsyncDirectory(chunksDir);
        }
    }

    /** Where the chunk's file lives (whether or not it exists). For tools and tests; the layout is the store's own. */
    public Path pathOf(ChunkId id) {
        String hex = id.hex();
        return chunksDir.resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** The directory this store owns. */
    public Path root() {
        return root;
    }

    @Override
    public StoredChunk put(ChunkId id, InputStream data, long length) throws IOException {
        ensureOpen();
        if (length < 0) {
            throw CairnException.badRequest("a chunk's length must not be negative, got " + length);
        }
        if (length > freeBytes()) {
            // Refuse before reading: the writer should place the chunk on another node.
            throw new CairnException(ErrorCode.UNAVAILABLE, "not enough free space on this node for " + length
                    + " bytes");
        }
        Path temp = pathOf(id).resolveSibling(id.hex() + "." + tempSequence.incrementAndGet() + TEMP_SUFFIX);
        boolean placed = false;
        try {
            writeVerified(id, data, length, temp);
            Path target = pathOf(id);
            ReentrantLock stripe = stripe(id);
            stripe.lock();
            try {
                long previous = sizeOrMinusOne(target);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                placed = true;
                if (previous < 0) {
                    chunkCount.incrementAndGet();
                    usedBytes.addAndGet(length);
                } else {
                    usedBytes.addAndGet(length - previous);
                }
            } finally {
                stripe.unlock();
            }
            // Outside the stripe: a concurrent put of the same id fsyncs the same directory itself before it returns.
            DurableFiles.fsyncDirectory(target.getParent());
            return new StoredChunk(id, length);
        } finally {
            if (!placed) {
                deleteTemp(temp);
            }
        }
    }

    /** Streams exactly {@code length} bytes into a new temp file, checks them against the id and fsyncs the file. */
    private void writeVerified(ChunkId id, InputStream data, long length, Path temp) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        WriteBuffers.Pair buffers = writeBuffers.take();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = buffers.heap();
            ByteBuffer direct = buffers.direct();
            long remaining = length;
            while (remaining > 0) {
                int n = data.readNBytes(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n == 0) {
                    throw CairnException.badRequest("the chunk's body ended after " + (length - remaining) + " of "
                            + length + " bytes");
                }
                digest.update(buffer, 0, n);
                direct.clear();
                direct.put(buffer, 0, n).flip();
                DurableFiles.writeFully(out, direct);
                remaining -= n;
            }
            if (data.read() >= 0) {
                throw CairnException.badRequest("the chunk's body is longer than the declared " + length + " bytes");
            }
            ChunkId actual = ChunkId.ofDigest(digest.digest());
            if (!actual.equals(id)) {
                throw new CairnException(ErrorCode.CHECKSUM_MISMATCH, "the bytes sent hash to " + actual.hex()
                        + ", not to the chunk id " + id.hex());
            }
            out.force(true);
        } finally {
            writeBuffers.give(buffers);
        }
    }

    private void deleteTemp(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Not fatal: the next open deletes leftover temp files. The original failure is what the caller needs.
            LOG.warn("could not delete temporary chunk file {}: {}", temp, e.toString());
        }
    }

    @Override
    public InputStream open(ChunkId id, long offset, long length) throws IOException {
        ensureOpen();
        if (offset < 0 || length < 0) {
            throw new CairnException(ErrorCode.RANGE_NOT_SATISFIABLE, "offset and length must not be negative");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(pathOf(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw CairnException.notFound("this node has no chunk " + id.hex());
        }
        try {
            long size = channel.size();
            if (offset > size || length > size - offset) {
                throw new CairnException(ErrorCode.RANGE_NOT_SATISFIABLE, "bytes " + offset + "+" + length
                        + " lie outside chunk " + id.hex() + " of " + size + " bytes");
            }
            channel.position(offset);
            return new ChannelRangeInputStream(channel, length);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public OptionalLong size(ChunkId id) throws IOException {
        ensureOpen();
        long size = sizeOrMinusOne(pathOf(id));
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    @Override
    public boolean delete(ChunkId id) throws IOException {
        ensureOpen();
        Path target = pathOf(id);
        ReentrantLock stripe = stripe(id);
        stripe.lock();
        try {
            long size = sizeOrMinusOne(target);
            if (size < 0) {
                return false;
            }
            Files.delete(target);
            chunkCount.decrementAndGet();
            usedBytes.addAndGet(-size);
        } finally {
            stripe.unlock();
        }
        DurableFiles.fsyncDirectory(target.getParent());
        return true;
    }

    @Override
    public List<StoredChunk> list(ChunkId after, int limit) throws IOException {
        ensureOpen();
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        String from = after == null ? null : after.hex();
        List<StoredChunk> page = new ArrayList<>(Math.min(limit, 1024));
        // Walking the fan-out directories in sorted order yields ids in order; those before `after` are skipped.
        for (String fan : sortedNames(chunksDir, FAN_OUT_NAME)) {
            if (from != null && fan.compareTo(from.substring(0, 2)) < 0) {
                continue;
            }
            Path dir = chunksDir.resolve(fan);
            for (String name : sortedNames(dir, n -> n.startsWith(fan) && ChunkId.isValid(n))) {
                if (from != null && name.compareTo(from) <= 0) {
                    continue;
                }
                long size = sizeOrMinusOne(dir.resolve(name));
                if (size < 0) {
                    continue;
                }
                page.add(new StoredChunk(new ChunkId(name), size));
                if (page.size() == limit) {
                    return page;
                }
            }
        }
        return page;
    }

    @Override
    public ChunkVerification verify(ChunkId id) throws IOException {
        ensureOpen();
        MessageDigest digest = Sha256.newDigest();
        try (FileChannel channel = FileChannel.open(pathOf(id), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            return ChunkVerification.MISSING;
        }
        return ChunkId.ofDigest(digest.digest()).equals(id) ? ChunkVerification.OK : ChunkVerification.CORRUPT;
    }

    @Override
    public long usedBytes() {
        return usedBytes.get();
    }

    @Override
    public long chunkCount() {
        return chunkCount.get();
    }

    @Override
    public long capacityBytes() {
        try {
            return fileStore.getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long freeBytes() {
        try {
            return fileStore.getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store " + root + " is closed");
        }
    }

    private ReentrantLock stripe(ChunkId id) {
        return stripes[Integer.parseInt(id.hex().substring(0, 2), 16) % STRIPES];
    }

    private static long sizeOrMinusOne(Path file) throws IOException {
        // Most puts are of new chunks: ask without an exception (JDK 20+ answers exists() without throwing).
        if (!Files.exists(file)) {
            return -1;
        }
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private static List<String> sortedNames(Path dir, Predicate<String> accept) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (accept.test(name)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return names;
        }
        names.sort(null);
        return names;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
