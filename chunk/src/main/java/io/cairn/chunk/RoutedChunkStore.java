package io.cairn.chunk;

import io.cairn.core.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's {@link ChunkStore}: chunks up to a threshold appended to volumes ({@link VolumeChunkStore}: one
 * fdatasync per batch of concurrent writers), larger ones a file each ({@link FileChunkStore}), in one data directory
 * with one lock, one identity, one generation clock and one quarantine. A chunk's size is fixed by its id, so with one
 * threshold an id always lands on the same side; the threshold may change between runs, so every lookup asks both
 * sides (the volume side is a map lookup) and takes the newer copy, and a put or a removal of the newer copy removes
 * an older one on the other side. Design: {@code docs/design/0007}. Thread-safe.
 */
public final class RoutedChunkStore extends DirectoryStore {
    /** Chunks up to this size go to volumes (see the design note for why this size). */
    public static final int DEFAULT_SMALL_CHUNK_MAX = 128 * 1024;
    /** The active volume is sealed and a new one started past this size. */
    static final long DEFAULT_VOLUME_SIZE = 1L << 30;
    private static final int RECONCILE_PAGE = 1024;

    /** Where a chunk's bytes lie: {@code length} bytes of {@code file} from {@code offset}. For tools and tests. */
    public record StoredBytes(Path file, long offset, long length) {
    }

    private final FileChunkStore files;
    private final VolumeChunkStore volumes;

    private RoutedChunkStore(StoreDirectory directory, FileChunkStore files, VolumeChunkStore volumes) {
        super(directory);
        this.files = files;
        this.volumes = volumes;
    }

    /** With the default threshold, no capacity limit. */
    public static RoutedChunkStore open(Path dataDir, double reserveFraction) throws IOException {
        return open(dataDir, reserveFraction, 0, DEFAULT_SMALL_CHUNK_MAX);
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}: takes the directory's lock, recovers the volumes,
     * deletes leftover temporary chunk files, and removes the older of any copy held on both sides.
     *
     * @param reserveFraction share of the file system's size that puts leave free, 0 to 1 (1 refuses every write)
     * @param capacityLimit   most bytes of chunks held (0: the whole file system)
     * @param smallChunkMax   chunks up to this many bytes go to volumes (0: only empty chunks)
     * @throws IllegalStateException when another process, or another store in this process, has the directory open
     */
    public static RoutedChunkStore open(Path dataDir, double reserveFraction, long capacityLimit, int smallChunkMax)
            throws IOException {
        return open(dataDir, reserveFraction, capacityLimit, smallChunkMax, DEFAULT_VOLUME_SIZE);
    }

    static RoutedChunkStore open(Path dataDir, double reserveFraction, long capacityLimit, int smallChunkMax,
                                 long volumeSize) throws IOException {
        StoreDirectory directory = StoreDirectory.open(dataDir, reserveFraction, capacityLimit);
        FileChunkStore files = null;
        VolumeChunkStore volumes = null;
        try {
            files = FileChunkStore.in(directory, false);
            volumes = VolumeChunkStore.open(directory, volumeSize, smallChunkMax);
            RoutedChunkStore store = new RoutedChunkStore(directory, files, volumes);
            store.removeSupersededCopies();
            return store;
        } catch (IOException | RuntimeException | Error e) {
            if (volumes != null) {
                volumes.close();
            }
            if (files != null) {
                files.close();
            }
            directory.close();
            throw e;
        }
    }

    /**
     * Removes the older of each copy held on both sides: a put that changed sides (a new threshold) and crashed
     * before removing the old copy. Reads the file side's whole listing, so only when volumes hold anything.
     */
    private void removeSupersededCopies() throws IOException {
        if (volumes.list(null, 1).isEmpty()) {
            return;
        }
        List<Copy> older = new ArrayList<>();
        ChunkId after = null;
        for (List<StoredChunk> page; !(page = merge(after, RECONCILE_PAGE, older)).isEmpty(); ) {
            after = page.getLast().id();
        }
        for (Copy copy : older) {
            copy.side().delete(copy.chunk().id(), copy.chunk().generation());
        }
    }

    /** A copy and the side holding it. */
    private record Copy(ChunkStore side, StoredChunk chunk) {
    }

    /** The data directory this store owns. */
    public Path root() {
        return directory.root();
    }

    /** Where corrupt chunks are moved to ({@code <hex>.<generation>}). */
    public Path quarantineDir() {
        return directory.quarantineDir();
    }

    /** The largest chunk stored in volumes. */
    public int smallChunkMax() {
        return volumes.maxChunk();
    }

    /** Where the bytes of the chunk's current copy lie, or empty; for tools and tests (the layout is the store's). */
    public Optional<StoredBytes> locate(ChunkId id) throws IOException {
        Copy newest = newest(id);
        if (newest == null) {
            return Optional.empty();
        }
        if (newest.side() == files) {
            return Optional.of(new StoredBytes(files.pathOf(id), 0, newest.chunk().size()));
        }
        return volumes.locate(id).map(at -> new StoredBytes(at.volume().path(), at.dataOffset(), at.length()));
    }

    @Override
    public StoredChunk put(ChunkId id, InputStream data, long length, PayloadCheck check) throws IOException {
        ChunkStore side = length <= volumes.maxChunk() ? volumes : files;
        ChunkStore other = side == files ? volumes : files;
        StoredChunk stored = side.put(id, data, length, check);
        Optional<StoredChunk> old = other.stat(id);
        if (old.isPresent() && old.get().generation() < stored.generation()) {
            other.delete(id, old.get().generation());
        }
        return stored;
    }

    @Override
    public InputStream open(ChunkId id, long offset, long length) throws IOException {
        Copy newest = newest(id);
        return (newest == null ? volumes : newest.side()).open(id, offset, length);
    }

    @Override
    public Optional<StoredChunk> stat(ChunkId id) throws IOException {
        return Optional.ofNullable(newest(id)).map(Copy::chunk);
    }

    /** The newer of the copies on the two sides, or null. */
    private Copy newest(ChunkId id) throws IOException {
        Optional<StoredChunk> small = volumes.stat(id);
        Optional<StoredChunk> large = files.stat(id);
        if (small.isPresent() && (large.isEmpty() || large.get().generation() < small.get().generation())) {
            return new Copy(volumes, small.get());
        }
        return large.map(chunk -> new Copy(files, chunk)).orElse(null);
    }

    @Override
    public DeleteOutcome delete(ChunkId id, long generation) throws IOException {
        return remove(id, generation, false);
    }

    @Override
    public DeleteOutcome quarantine(ChunkId id, long generation) throws IOException {
        return remove(id, generation, true);
    }

    /** Removes the copy with {@code generation} from whichever side holds it, and any older copy on the other. */
    private DeleteOutcome remove(ChunkId id, long generation, boolean quarantine) throws IOException {
        DeleteOutcome outcome = DeleteOutcome.ABSENT;
        for (ChunkStore side : List.<ChunkStore>of(volumes, files)) {
            DeleteOutcome here = quarantine ? side.quarantine(id, generation) : side.delete(id, generation);
            if (here == DeleteOutcome.DELETED) {
                ChunkStore other = side == files ? volumes : files;
                Optional<StoredChunk> older = other.stat(id);
                if (older.isPresent() && older.get().generation() < generation) {
                    other.delete(id, older.get().generation());
                }
                return here;
            }
            if (here == DeleteOutcome.CHANGED) {
                outcome = here;
            }
        }
        return outcome;
    }

    @Override
    public List<StoredChunk> list(ChunkId after, int limit) throws IOException {
        return merge(after, limit, new ArrayList<>());
    }

    /**
     * Up to {@code limit} chunks after {@code after} from both sides in id order, the newer copy of an id held on
     * both; the older ones are added to {@code older}.
     */
    private List<StoredChunk> merge(ChunkId after, int limit, List<Copy> older) throws IOException {
        List<StoredChunk> small = volumes.list(after, limit);
        List<StoredChunk> large = files.list(after, limit);
        List<StoredChunk> page = new ArrayList<>(Math.min(limit, small.size() + large.size()));
        int i = 0;
        int j = 0;
        while (page.size() < limit && (i < small.size() || j < large.size())) {
            int order = i == small.size() ? 1 : j == large.size() ? -1
                    : small.get(i).id().compareTo(large.get(j).id());
            if (order < 0) {
                page.add(small.get(i++));
            } else if (order > 0) {
                page.add(large.get(j++));
            } else {
                StoredChunk s = small.get(i++);
                StoredChunk l = large.get(j++);
                boolean smallNewer = s.generation() > l.generation();
                page.add(smallNewer ? s : l);
                older.add(smallNewer ? new Copy(files, l) : new Copy(volumes, s));
            }
        }
        return page;
    }

    @Override
    public ChunkCheck verify(ChunkId id) throws IOException {
        Copy newest = newest(id);
        return newest == null ? new ChunkCheck(ChunkVerification.MISSING, 0) : newest.side().verify(id);
    }

    @Override
    public void close() throws IOException {
        try {
            volumes.close();
            files.close();
        } finally {
            directory.close();
        }
    }
}
