package io.cairn.chunk;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * dataDir/chunks/store-id       the store's random identity, created with the directory (a wiped one gets a new one)
 * dataDir/chunks/ab/abcd…       one file per chunk, named by its SHA-256 hex, in 256 fan-out directories
 * dataDir/chunks/ab/abcd….N.tmp a write in progress, beside its target so the rename touches one directory;
 *                               deleted at open (leftovers of a crash)
 * dataDir/quarantine/abcd….G    chunk files found corrupt, moved aside (G: their generation) for an operator
 * </pre>
 *
 * <p>A chunk file's generation is its modification time in nanoseconds. Each put stamps its file, before the fsync
 * and the rename, with a value larger than any the store gave before (seeded at open from the newest file present) and
 * reads it back, so the file system's precision is what counts and the stamp survives a restart with the file.
 *
 * <p>Thread-safe. Writes of different chunks run fully in parallel; the rename, the conditional removals and the usage
 * accounting of one id are serialised by a lock stripe, so two concurrent puts of the same id both succeed and leave
 * one correct file, a removal decided about an older generation never removes a newer file, and the in-memory counts
 * stay exact. Reads take no lock: a rename replaces a directory entry atomically and an open file keeps its bytes even
 * if it is replaced or deleted, so a reader never sees a partial chunk.
 *
 * <p>Opened alone it owns its directory (the lock file makes a second opener fail); inside a {@link RoutedChunkStore}
 * it shares the directory, its identity, clock and counts ({@link StoreDirectory}) with the volumes. Either way it
 * must be {@link #close() closed}.
 */
public final class FileChunkStore extends DirectoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileChunkStore.class);
    private static final int STRIPES = 64;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Predicate<String> FAN_OUT_NAME = name -> name.length() == 2 && isLowerHex(name);

    /** Whether closing this store releases the directory (false when it shares it with a {@link RoutedChunkStore}). */
    private final boolean ownsDirectory;
    private final Path chunksDir;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final WriteBuffers writeBuffers = new WriteBuffers();
    private final AtomicLong tempSequence = new AtomicLong();
    private volatile boolean closed;

    private FileChunkStore(StoreDirectory directory, boolean ownsDirectory) {
        super(directory);
        this.ownsDirectory = ownsDirectory;
        this.chunksDir = directory.chunksDir();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}: takes the directory's lock, gives a new chunk directory
     * its identity, deletes leftover temporary files and counts the chunks present.
     *
     * @param reserveFraction share of the file system's size that puts leave free, 0 to 1 (1 refuses every write)
     * @throws IllegalStateException when another process, or another store in this process, has the directory open
     */
    public static FileChunkStore open(Path dataDir, double reserveFraction) throws IOException {
        return open(dataDir, reserveFraction, 0);
    }

    /**
     * As {@link #open(Path, double)}, with the store's size limited to {@code capacityLimit} bytes (0: the whole file
     * system), so several nodes can share one disk in known proportions, or a node leave room for other data.
     */
    public static FileChunkStore open(Path dataDir, double reserveFraction, long capacityLimit) throws IOException {
        StoreDirectory directory = StoreDirectory.open(dataDir, reserveFraction, capacityLimit);
        try {
            return in(directory, true);
        } catch (IOException | RuntimeException | Error e) {
            directory.close();
            throw e;
        }
    }

    /** The store of the chunk files in an open directory; closing it releases the directory only if it owns it. */
    static FileChunkStore in(StoreDirectory directory, boolean ownsDirectory) throws IOException {
        FileChunkStore store = new FileChunkStore(directory, ownsDirectory);
        store.prepare();
        return store;
    }

    private void prepare() throws IOException {
        createFanOut();
        long count = 0;
        long bytes = 0;
        long newest = 0;
        int removed = 0;
        for (String fan : sortedNames(chunksDir, FAN_OUT_NAME)) {
            Path dir = chunksDir.resolve(fan);
            for (String name : sortedNames(dir, n -> n.startsWith(fan) && n.endsWith(TEMP_SUFFIX))) {
                // A temp file is never acknowledged: whatever wrote it failed or crashed before its rename.
                Files.deleteIfExists(dir.resolve(name));
                removed++;
            }
            for (String name : sortedNames(dir, n -> n.startsWith(fan) && ChunkId.isValid(n))) {
                BasicFileAttributes attributes = attributesOrNull(dir.resolve(name));
                if (attributes != null) {
                    bytes += attributes.size();
                    count++;
                    newest = Math.max(newest, generationOf(attributes));
                }
            }
        }
        if (removed > 0) {
            LOG.info("removed {} unfinished chunk write(s) left in {}", removed, chunksDir);
        }
        directory.count(count, bytes);
        directory.clock().advancePast(newest);
        LOG.debug("opened chunk files in {} ({}): {} chunks, {} bytes", chunksDir, directory.storeId(), count, bytes);
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
        return directory.root();
    }

    /** Where corrupt chunk files are moved to ({@code <hex>.<generation>}). */
    public Path quarantineDir() {
        return directory.quarantineDir();
    }

    @Override
    public StoredChunk put(ChunkId id, InputStream data, long length, PayloadCheck check) throws IOException {
        ensureOpen();
        ChunkBody.checkLength(length);
        directory.checkRoom(length);
        Path temp = pathOf(id).resolveSibling(id.hex() + "." + tempSequence.incrementAndGet() + TEMP_SUFFIX);
        boolean placed = false;
        try {
            long generation = writeVerified(id, data, length, check, temp);
            Path target = pathOf(id);
            StoredChunk stored;
            ReentrantLock stripe = stripe(id);
            stripe.lock();
            try {
                BasicFileAttributes previous = attributesOrNull(target);
                if (previous != null && generationOf(previous) > generation) {
                    // A concurrent put of the same bytes stamped later but renamed first: keep its file, so the file
                    // in place always has the generation the put that placed it last answered.
                    stored = new StoredChunk(id, previous.size(), generationOf(previous));
                } else {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    placed = true;
                    directory.count(previous == null ? 1 : 0, length - (previous == null ? 0 : previous.size()));
                    stored = new StoredChunk(id, length, generation);
                }
            } finally {
                stripe.unlock();
            }
            // Outside the stripe: a concurrent put of the same id fsyncs the same directory itself before it returns.
            DurableFiles.fsyncDirectory(target.getParent());
            return stored;
        } finally {
            if (!placed) {
                deleteTemp(temp);
            }
        }
    }

    /**
     * Streams exactly {@code length} bytes into a new temp file, checks them, stamps the file with its generation and
     * fsyncs it (bytes and stamp). Returns the generation.
     */
    private long writeVerified(ChunkId id, InputStream data, long length, PayloadCheck check, Path temp)
            throws IOException {
        WriteBuffers.Pair buffers = writeBuffers.take();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer direct = buffers.direct();
            direct.clear();
            // Gathered in the direct buffer and written a whole buffer at a time: the heap array is only a small stage.
            ChunkBody.read(id, data, length, check, buffers.heap(), (bytes, offset, n) -> {
                for (int done = 0; done < n; ) {
                    int part = Math.min(n - done, direct.remaining());
                    direct.put(bytes, offset + done, part);
                    done += part;
                    if (!direct.hasRemaining()) {
                        flush(out, direct);
                    }
                }
            });
            flush(out, direct);
            long generation = stamp(temp);
            out.force(true);
            return generation;
        } finally {
            writeBuffers.give(buffers);
        }
    }

    private static void flush(FileChannel out, ByteBuffer direct) throws IOException {
        direct.flip();
        DurableFiles.writeFully(out, direct);
        direct.clear();
    }

    /**
     * Sets the file's modification time to the directory's next generation, read back because the file system keeps
     * its own precision (the clock moves the stamp ahead when that rounds it down to a generation already given).
     */
    private long stamp(Path file) throws IOException {
        return directory.clock().next(candidate -> {
            Files.setLastModifiedTime(file, FileTime.from(candidate, TimeUnit.NANOSECONDS));
            return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
        });
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
            return new ChannelRangeInputStream(channel, offset, length, channel);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Optional<StoredChunk> stat(ChunkId id) throws IOException {
        ensureOpen();
        BasicFileAttributes attributes = attributesOrNull(pathOf(id));
        return attributes == null ? Optional.empty()
                : Optional.of(new StoredChunk(id, attributes.size(), generationOf(attributes)));
    }

    @Override
    public DeleteOutcome delete(ChunkId id, long generation) throws IOException {
        return remove(id, generation, Files::delete);
    }

    @Override
    public DeleteOutcome quarantine(ChunkId id, long generation) throws IOException {
        Path aside = directory.quarantinePath(id, generation);
        // The quarantine directory first: a crash between the two fsyncs leaves the file in both places, never in none.
        DeleteOutcome outcome = remove(id, generation, target -> {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.fsyncDirectory(directory.quarantineDir());
        });
        if (outcome == DeleteOutcome.DELETED) {
            LOG.warn("chunk {} (generation {}) is corrupt; moved to {}", id, generation, aside);
        }
        return outcome;
    }

    private interface Removal {
        void apply(Path chunkFile) throws IOException;
    }

    /** Applies {@code removal} to the chunk's file if it has {@code generation}, under the stripe a put renames in. */
    private DeleteOutcome remove(ChunkId id, long generation, Removal removal) throws IOException {
        ensureOpen();
        Path target = pathOf(id);
        ReentrantLock stripe = stripe(id);
        stripe.lock();
        try {
            BasicFileAttributes attributes = attributesOrNull(target);
            if (attributes == null) {
                return DeleteOutcome.ABSENT;
            }
            if (generationOf(attributes) != generation) {
                return DeleteOutcome.CHANGED;
            }
            removal.apply(target);
            directory.count(-1, -attributes.size());
        } finally {
            stripe.unlock();
        }
        DurableFiles.fsyncDirectory(target.getParent());
        return DeleteOutcome.DELETED;
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
                BasicFileAttributes attributes = attributesOrNull(dir.resolve(name));
                if (attributes == null) {
                    continue;
                }
                page.add(new StoredChunk(new ChunkId(name), attributes.size(), generationOf(attributes)));
                if (page.size() == limit) {
                    return page;
                }
            }
        }
        return page;
    }

    @Override
    public ChunkCheck verify(ChunkId id) throws IOException {
        ensureOpen();
        Path file = pathOf(id);
        while (true) {
            BasicFileAttributes before = attributesOrNull(file);
            if (before == null) {
                return new ChunkCheck(ChunkVerification.MISSING, 0);
            }
            long generation = generationOf(before);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                // A put may have replaced the file between the stat and the open. Generations are never given twice,
                // so the same one after the open means the open file is the one stat'ed; otherwise look again.
                BasicFileAttributes opened = attributesOrNull(file);
                if (opened == null || generationOf(opened) != generation) {
                    continue;
                }
                boolean intact = ChunkBody.hashesTo(id, channel, 0, channel.size());
                return new ChunkCheck(intact ? ChunkVerification.OK : ChunkVerification.CORRUPT, generation);
            } catch (NoSuchFileException e) {
                // Removed between the stat and the open: look again, which finds it absent or replaced.
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsDirectory) {
            directory.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store " + directory.root() + " is closed");
        }
    }

    private ReentrantLock stripe(ChunkId id) {
        return stripes[Integer.parseInt(id.hex().substring(0, 2), 16) % STRIPES];
    }

    /** Size and modification time of a file in one call, or null when it does not exist. */
    private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
        // Most puts are of new chunks: ask without an exception (JDK 20+ answers exists() without throwing).
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static long generationOf(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
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
