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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small chunks appended to volume files ({@code dataDir/chunks/volumes/NNNNNN.vol}: inside {@code chunks/}, with the
 * store's identity, so that wiping the chunks wipes these too), with one fdatasync per batch of
 * concurrent writers, an in-memory index rebuilt from the volumes at open, and compaction of volumes that deletes and
 * rewrites have left mostly dead. Design, recovery and the invariants kept: {@code docs/design/0007}.
 *
 * <p>Thread-safe. The index entry of one id is changed only under that id's lock stripe (a put settling, a delete,
 * a compaction moving the record), so a removal decided about one generation never removes another and a record being
 * moved is never brought back by the move. Reads take no lock: they look the entry up and hold a reference to its
 * volume while they stream.
 */
final class VolumeChunkStore extends DirectoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeChunkStore.class);
    private static final Pattern VOLUME_NAME = Pattern.compile("(\\d{6,9})\\.vol");
    private static final int STRIPES = 64;
    /** A sealed volume with more than this share of dead bytes is compacted. */
    private static final double COMPACT_DEAD_SHARE = 0.5;

    /** Where a chunk's record is. */
    record Location(Volume volume, long offset, int length, long generation) {
        long recordSize() {
            return VolumeRecord.HEADER + (long) length;
        }

        long dataOffset() {
            return offset + VolumeRecord.HEADER;
        }

        StoredChunk stored(ChunkId id) {
            return new StoredChunk(id, length, generation);
        }
    }

    private final Path volumesDir;
    private final long volumeSize;
    private final int maxChunk;
    private final ConcurrentSkipListMap<ChunkId, Location> index = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Integer, Volume> volumes = new ConcurrentHashMap<>();
    private final ReentrantLock rollLock = new ReentrantLock();
    /** One compaction at a time (the background one, or one asked for directly). */
    private final ReentrantLock compactionLock = new ReentrantLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ExecutorService compactor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("volume-compactor").factory());
    private final AtomicBoolean compactionQueued = new AtomicBoolean();
    private volatile Volume active;
    private volatile boolean closed;

    private VolumeChunkStore(StoreDirectory directory, long volumeSize, int maxChunk) {
        super(directory);
        this.volumesDir = directory.chunksDir().resolve("volumes");
        this.volumeSize = volumeSize;
        this.maxChunk = maxChunk;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens the volumes of an open directory: deletes volumes a finished compaction left, scans the rest (cutting
     * torn tails), rebuilds the index and counts the chunks into the directory.
     *
     * @param volumeSize size past which the active volume is sealed and a new one started
     * @param maxChunk   largest chunk a put takes (its body is held in memory while it is checked)
     */
    static VolumeChunkStore open(StoreDirectory directory, long volumeSize, int maxChunk) throws IOException {
        if (maxChunk < 0 || maxChunk > VolumeRecord.MAX_LENGTH) {
            throw new IllegalArgumentException("volume chunks hold 0 to " + VolumeRecord.MAX_LENGTH + " bytes, not "
                    + maxChunk);
        }
        VolumeChunkStore store = new VolumeChunkStore(directory, volumeSize, maxChunk);
        try {
            store.recover();
            return store;
        } catch (IOException | RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private void recover() throws IOException {
        DurableFiles.createDirectory(volumesDir);
        TreeMap<Integer, Path> files = volumeFiles();
        Map<Integer, List<VolumeRecord>> records = new HashMap<>();
        Set<Integer> compactedAway = new HashSet<>();
        for (Map.Entry<Integer, Path> file : files.entrySet()) {
            Volume volume = Volume.open(file.getKey(), file.getValue());
            volumes.put(volume.number(), volume);
            List<VolumeRecord> found = scan(volume);
            // After a crash of the process (not of the machine) the scan may have read records still only in the page
            // cache: what the index is built from, and what finishing a compaction relies on, is made durable first.
            volume.channel().force(false);
            records.put(volume.number(), found);
            found.stream().filter(r -> r.kind() == VolumeRecord.Kind.COMPACTED)
                    .forEach(r -> compactedAway.add((int) r.generation()));
        }
        // A compaction that had made its copies and its marker durable, but not the old volume's unlink: finish it.
        boolean removed = false;
        for (int number : compactedAway) {
            Volume stale = volumes.remove(number);
            if (stale != null) {
                records.remove(number);
                stale.release();
                Files.deleteIfExists(stale.path());
                removed = true;
                LOG.info("removed volume {}, compacted before the last stop", stale.path());
            }
        }
        if (removed) {
            DurableFiles.fsyncDirectory(volumesDir);
        }
        Set<Volume> interrupted = replay(records);
        int newest = volumes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Volume volume : volumes.values()) {
            if (volume.number() != newest || volume.size() >= volumeSize) {
                volume.seal();
            }
        }
        Volume last = volumes.get(newest);
        active = last != null && !last.sealed() ? last : createVolume(newest + 1);
        for (Volume volume : interrupted) {
            // Its copies are durable and indexed; finishing its compaction leaves one copy of each record, so a
            // tombstone written from now on is beside the only one (invariant 3 of the design note).
            compact(volume);
        }
        LOG.debug("opened {} volume(s) in {}: {} chunks", volumes.size(), volumesDir, index.size());
        scheduleCompaction();
    }

    /**
     * The intact records of a volume, in file order. A stretch that does not read as records is skipped when an
     * intact record follows it (damage in the middle), and cut off when none does (the torn tail of an unfinished
     * batch, which no put was acknowledged for).
     */
    private List<VolumeRecord> scan(Volume volume) throws IOException {
        FileChannel channel = volume.channel();
        long size = channel.size();
        List<VolumeRecord> found = new ArrayList<>();
        long at = 0;
        while (at < size) {
            VolumeRecord record = VolumeRecord.readAt(channel, at, size);
            if (record != null) {
                found.add(record);
                at = record.end();
                continue;
            }
            long next = nextRecord(channel, at + 1, size);
            if (next < 0) {
                LOG.info("volume {}: cutting {} bytes of an unfinished write at {}", volume.path(), size - at, at);
                volume.truncate(at);
                break;
            }
            LOG.warn("volume {}: {} damaged bytes at {} skipped", volume.path(), next - at, at);
            at = next;
        }
        return found;
    }

    /** The first offset from {@code from} where an intact record starts, or -1. */
    private static long nextRecord(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(64 * 1024);
        for (long base = from; base < size; base += window.capacity() - 3) {
            window.clear();
            int n = Math.max(0, channel.read(window, base));
            for (int i = 0; i + 4 <= n; i++) {
                if (window.getInt(i) == VolumeRecord.MAGIC && VolumeRecord.readAt(channel, base + i, size) != null) {
                    return base + i;
                }
            }
            if (n < window.capacity()) {
                break;
            }
        }
        return -1;
    }

    /**
     * Builds the index: per id the put with the largest generation (compaction moves records, so file order means
     * nothing), then tombstones remove the entries whose generation they name. The same copy in two volumes is a
     * compaction a crash interrupted after some copies reached the disk: the newer volume's copy is indexed and the
     * older volume is returned, to be compacted again.
     */
    private Set<Volume> replay(Map<Integer, List<VolumeRecord>> records) {
        Set<Volume> interrupted = new HashSet<>();
        long newest = 0;
        List<VolumeRecord> tombstones = new ArrayList<>();
        for (Map.Entry<Integer, List<VolumeRecord>> entry : records.entrySet()) {
            Volume volume = volumes.get(entry.getKey());
            for (VolumeRecord record : entry.getValue()) {
                switch (record.kind()) {
                    case PUT -> {
                        newest = Math.max(newest, record.generation());
                        Location found = new Location(volume, record.offset(), record.length(), record.generation());
                        Location known = index.get(record.id());
                        if (known == null || found.generation() > known.generation()) {
                            index.put(record.id(), found);
                        } else if (found.generation() == known.generation()) {
                            boolean newer = found.volume().number() > known.volume().number();
                            interrupted.add(newer ? known.volume() : found.volume());
                            if (newer) {
                                index.put(record.id(), found);
                            }
                        }
                    }
                    case TOMBSTONE -> {
                        newest = Math.max(newest, record.generation());
                        tombstones.add(record);
                    }
                    case COMPACTED -> {
                    }
                }
            }
        }
        for (VolumeRecord tombstone : tombstones) {
            index.computeIfPresent(tombstone.id(), (id, at) -> at.generation() == tombstone.generation() ? null : at);
        }
        long bytes = 0;
        for (Location at : index.values()) {
            at.volume().addLive(at.recordSize());
            bytes += at.length();
        }
        directory.count(index.size(), bytes);
        directory.clock().advancePast(newest);
        return interrupted;
    }

    private TreeMap<Integer, Path> volumeFiles() throws IOException {
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(volumesDir)) {
            for (Path entry : entries) {
                Matcher name = VOLUME_NAME.matcher(entry.getFileName().toString());
                if (name.matches()) {
                    files.put(Integer.parseInt(name.group(1)), entry);
                }
            }
        }
        return files;
    }

    private Volume createVolume(int number) throws IOException {
        Volume volume = Volume.open(number, volumesDir.resolve(Volume.fileName(number)));
        volumes.put(number, volume);
        // Its directory entry is durable before any record in it is acknowledged.
        DurableFiles.fsyncDirectory(volumesDir);
        return volume;
    }

    /** Seals {@code full} and starts the next volume, unless another writer already did. */
    private void roll(Volume full) throws IOException {
        rollLock.lock();
        try {
            if (active != full) {
                return;
            }
            active = createVolume(full.number() + 1);
            full.seal();
        } finally {
            rollLock.unlock();
        }
        scheduleCompaction();
    }

    /** The largest chunk this store takes. */
    int maxChunk() {
        return maxChunk;
    }

    @Override
    public StoredChunk put(ChunkId id, InputStream data, long length, PayloadCheck check) throws IOException {
        ensureOpen();
        ChunkBody.checkLength(length);
        if (length > maxChunk) {
            throw new IllegalArgumentException("chunks in volumes hold at most " + maxChunk + " bytes, not " + length);
        }
        directory.checkRoom(length);
        byte[] body = new byte[(int) length];
        int[] filled = {0};
        ChunkBody.read(id, data, length, check, new byte[(int) Math.clamp(length, 1, 64 * 1024)],
                (bytes, offset, n) -> {
                    System.arraycopy(bytes, offset, body, filled[0], n);
                    filled[0] += n;
                });
        long generation = directory.clock().next();
        ByteBuffer record = VolumeRecord.encode(VolumeRecord.Kind.PUT, id, generation, body, body.length);
        Volume volume;
        Volume.Appended appended;
        do {
            volume = active;
            appended = volume.append(record, true);
        } while (appended == null);
        StoredChunk stored;
        try {
            volume.awaitDurable(appended.ticket());
            stored = settle(id, new Location(volume, appended.offset(), body.length, generation));
        } finally {
            volume.putSettled();
        }
        if (volume.size() >= volumeSize) {
            roll(volume);
        }
        return stored;
    }

    /**
     * Points the index at a durable put, unless a concurrent put of the same id stamped later settled first (then its
     * record stays the chunk, as replay would decide). Returns what the store now holds.
     */
    private StoredChunk settle(ChunkId id, Location written) {
        ReentrantLock stripe = stripe(id);
        Location previous;
        stripe.lock();
        try {
            previous = index.get(id);
            if (previous != null && previous.generation() > written.generation()) {
                return previous.stored(id);
            }
            index.put(id, written);
            written.volume().addLive(written.recordSize());
            if (previous != null) {
                previous.volume().addLive(-previous.recordSize());
            }
            directory.count(previous == null ? 1 : 0, written.length() - (previous == null ? 0 : previous.length()));
        } finally {
            stripe.unlock();
        }
        if (previous != null) {
            noteDead(previous.volume());
        }
        return written.stored(id);
    }

    @Override
    public InputStream open(ChunkId id, long offset, long length) throws IOException {
        ensureOpen();
        if (offset < 0 || length < 0) {
            throw new CairnException(ErrorCode.RANGE_NOT_SATISFIABLE, "offset and length must not be negative");
        }
        Location at = retained(id);
        if (at == null) {
            throw CairnException.notFound("this node has no chunk " + id.hex());
        }
        if (offset > at.length() || length > at.length() - offset) {
            at.volume().release();
            throw new CairnException(ErrorCode.RANGE_NOT_SATISFIABLE, "bytes " + offset + "+" + length
                    + " lie outside chunk " + id.hex() + " of " + at.length() + " bytes");
        }
        Volume volume = at.volume();
        return new ChannelRangeInputStream(volume.channel(), at.dataOffset() + offset, length, volume::release);
    }

    /**
     * The chunk's location with a reference to its volume held (the caller releases it), or null when absent. A
     * volume closed between the lookup and the reference was compacted away: by then the entry has moved, so look
     * again.
     */
    private Location retained(ChunkId id) {
        while (true) {
            Location at = index.get(id);
            if (at == null || at.volume().retain()) {
                return at;
            }
        }
    }

    @Override
    public Optional<StoredChunk> stat(ChunkId id) {
        ensureOpen();
        return Optional.ofNullable(index.get(id)).map(at -> at.stored(id));
    }

    /** Where the chunk's bytes lie (file, offset, length), or empty; for tools and tests. */
    Optional<Location> locate(ChunkId id) {
        return Optional.ofNullable(index.get(id));
    }

    @Override
    public DeleteOutcome delete(ChunkId id, long generation) throws IOException {
        return remove(id, generation, false);
    }

    @Override
    public DeleteOutcome quarantine(ChunkId id, long generation) throws IOException {
        DeleteOutcome outcome = remove(id, generation, true);
        if (outcome == DeleteOutcome.DELETED) {
            LOG.warn("chunk {} (generation {}) is corrupt; moved to {}", id, generation,
                    directory.quarantinePath(id, generation));
        }
        return outcome;
    }

    /**
     * Removes the copy with {@code generation}: a tombstone in the volume holding it and the index entry gone, under
     * the id's stripe; returns once the tombstone is durable. A quarantine first copies the bytes aside, durably.
     */
    private DeleteOutcome remove(ChunkId id, long generation, boolean quarantine) throws IOException {
        ensureOpen();
        ReentrantLock stripe = stripe(id);
        Location at;
        Volume.Appended tombstone;
        stripe.lock();
        try {
            at = index.get(id);
            if (at == null) {
                return DeleteOutcome.ABSENT;
            }
            if (at.generation() != generation) {
                return DeleteOutcome.CHANGED;
            }
            // The index points at the volume, so it is not compacted away while the stripe is held.
            at.volume().retain();
            try {
                if (quarantine) {
                    copyAside(id, at);
                }
                tombstone = at.volume().append(VolumeRecord.tombstone(id, generation), false);
            } catch (IOException | RuntimeException | Error e) {
                at.volume().release();
                throw e;
            }
            index.remove(id);
            at.volume().addLive(-at.recordSize());
            directory.count(-1, -at.length());
        } finally {
            stripe.unlock();
        }
        try {
            at.volume().awaitDurable(tombstone.ticket());
        } finally {
            at.volume().release();
        }
        noteDead(at.volume());
        return DeleteOutcome.DELETED;
    }

    /** Writes the record's bytes to the quarantine as a file, durably (file and directory entry). */
    private void copyAside(ChunkId id, Location at) throws IOException {
        Path aside = directory.quarantinePath(id, at.generation());
        ByteBuffer bytes = ByteBuffer.allocate(at.length());
        while (bytes.hasRemaining()) {
            if (at.volume().channel().read(bytes, at.dataOffset() + bytes.position()) < 0) {
                throw new IOException("volume " + at.volume().path() + " ended inside chunk " + id);
            }
        }
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            DurableFiles.writeFully(out, bytes.flip());
            out.force(true);
        }
        DurableFiles.fsyncDirectory(directory.quarantineDir());
    }

    @Override
    public List<StoredChunk> list(ChunkId after, int limit) {
        ensureOpen();
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        List<StoredChunk> page = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<ChunkId, Location> entry : (after == null ? index : index.tailMap(after, false)).entrySet()) {
            page.add(entry.getValue().stored(entry.getKey()));
            if (page.size() == limit) {
                break;
            }
        }
        return page;
    }

    @Override
    public ChunkCheck verify(ChunkId id) throws IOException {
        ensureOpen();
        Location at = retained(id);
        if (at == null) {
            return new ChunkCheck(ChunkVerification.MISSING, 0);
        }
        try {
            boolean intact = ChunkBody.hashesTo(id, at.volume().channel(), at.dataOffset(), at.length());
            return new ChunkCheck(intact ? ChunkVerification.OK : ChunkVerification.CORRUPT, at.generation());
        } finally {
            at.volume().release();
        }
    }

    /** A volume lost live bytes: compact it if it is sealed and mostly dead. */
    private void noteDead(Volume volume) {
        if (volume.sealed() && worthCompacting(volume)) {
            scheduleCompaction();
        }
    }

    private static boolean worthCompacting(Volume volume) {
        long size = volume.size();
        return size > 0 && size - volume.liveBytes() > size * COMPACT_DEAD_SHARE;
    }

    private void scheduleCompaction() {
        if (!closed && compactionQueued.compareAndSet(false, true)) {
            compactor.execute(() -> {
                compactionQueued.set(false);
                try {
                    compactEligible();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("compacting the volumes in {} failed; retried after the next delete: {}", volumesDir,
                            e.toString());
                }
            });
        }
    }

    /** Compacts every sealed, settled volume that is mostly dead; returns how many. */
    int compactEligible() throws IOException {
        compactionLock.lock();
        try {
            int compacted = 0;
            for (Volume volume : List.copyOf(volumes.values())) {
                if (closed) {
                    break;
                }
                if (volume != active && volume.settled() && worthCompacting(volume)
                        && volumes.get(volume.number()) == volume && compact(volume)) {
                    compacted++;
                }
            }
            return compacted;
        } finally {
            compactionLock.unlock();
        }
    }

    /**
     * Copies the live records of {@code old} to the active volume (each checked and switched under its id's stripe),
     * makes the copies durable, then a marker naming {@code old}, then deletes it. See docs/design/0007.
     */
    private boolean compact(Volume old) throws IOException {
        FileChannel channel = old.channel();
        long size = old.size();
        Map<Volume, Long> tickets = new HashMap<>();
        int moved = 0;
        for (long at = 0; at < size; ) {
            VolumeRecord record = VolumeRecord.readAt(channel, at, size);
            if (record == null) {
                long next = nextRecord(channel, at + 1, size);
                if (next < 0) {
                    break;
                }
                at = next;
                continue;
            }
            at = record.end();
            if (record.kind() == VolumeRecord.Kind.PUT && copyIfLive(old, record, tickets)) {
                moved++;
            }
        }
        for (Map.Entry<Volume, Long> copies : tickets.entrySet()) {
            copies.getKey().awaitDurable(copies.getValue());
        }
        if (old.liveBytes() != 0) {
            // A record the index points at did not read back intact (the disk damaged it since it was written): keep
            // the volume until the scrubber has quarantined that chunk.
            LOG.warn("volume {} holds chunks that no longer read back intact; not compacted", old.path());
            return false;
        }
        // The marker only after the copies are durable: on disk it never stands without them.
        Volume target = active;
        target.awaitDurable(target.append(VolumeRecord.compacted(old.number()), false).ticket());
        volumes.remove(old.number());
        Files.deleteIfExists(old.path());
        DurableFiles.fsyncDirectory(volumesDir);
        old.release();
        LOG.debug("compacted volume {}: {} live chunk(s) moved, {} bytes freed", old.path(), moved, size);
        return true;
    }

    /** The numbers of the volumes in use, in order; for tests. */
    List<Integer> volumeNumbers() {
        return volumes.keySet().stream().sorted().toList();
    }

    /** Copies one put record of {@code old} to the active volume if the index still points at exactly it. */
    private boolean copyIfLive(Volume old, VolumeRecord record, Map<Volume, Long> tickets) throws IOException {
        ReentrantLock stripe = stripe(record.id());
        stripe.lock();
        try {
            Location at = index.get(record.id());
            if (at == null || at.volume() != old || at.offset() != record.offset()
                    || at.generation() != record.generation()) {
                return false;
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) record.size());
            while (bytes.hasRemaining()) {
                if (old.channel().read(bytes, record.offset() + bytes.position()) < 0) {
                    throw new IOException("volume " + old.path() + " ended inside a record");
                }
            }
            bytes.flip();
            // Never refused: only puts are kept out of a sealed volume, and this one is still indexed correctly if
            // the active volume was sealed meanwhile.
            Volume target = active;
            Volume.Appended appended = target.append(bytes, false);
            index.put(record.id(), new Location(target, appended.offset(), at.length(), at.generation()));
            target.addLive(at.recordSize());
            old.addLive(-at.recordSize());
            tickets.merge(target, appended.ticket(), Math::max);
            return true;
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        compactor.shutdown();
        try {
            if (!compactor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the compaction of {} did not stop within 30 s", volumesDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Volume volume : volumes.values()) {
            volume.release();
        }
        volumes.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store " + directory.root() + " is closed");
        }
    }

    private ReentrantLock stripe(ChunkId id) {
        return stripes[Math.floorMod(id.hashCode(), STRIPES)];
    }
}
