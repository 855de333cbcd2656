package io.cairn.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * {@link MetaStore} on one RocksDB database (default column family, bytewise comparator). Writes go to the WAL without
 * fsync, since the replicated log is the durable record; {@link #syncWal()} makes every write so far durable at once,
 * when a checkpoint or the caller needs it. Thread-safe as RocksDB is; {@link #close()} must come after every
 * snapshot is closed.
 */
public final class RocksMetaStore implements MetaStore {
    /** Metadata is small and hot; a bounded cache keeps its off-heap footprint predictable (it is invisible to -Xmx). */
    static final long BLOCK_CACHE_BYTES = 32L << 20;
    private static final int BLOOM_BITS_PER_KEY = 10;
    private static final int KEEP_INFO_LOG_FILES = 3;

    static {
        RocksDB.loadLibrary();
    }

    private final LRUCache cache;
    private final BloomFilter bloom;
    private final Options options;
    private final WriteOptions writeOptions;
    private final ReadOptions liveReadOptions;
    private final RocksDB db;
    private final KeyValueView live;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RocksMetaStore(LRUCache cache, BloomFilter bloom, Options options, RocksDB db) {
        this.cache = cache;
        this.bloom = bloom;
        this.options = options;
        this.db = db;
        // Durability comes from syncWal() when asked for, never from the single write.
        this.writeOptions = new WriteOptions().setSync(false);
        this.liveReadOptions = new ReadOptions();
        this.live = new View(liveReadOptions);
    }

    /** Opens the database in {@code dir}, creating both if missing; RocksDB replays its WAL to the last write. */
    public static RocksMetaStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MetaStoreException("cannot create metadata directory " + dir + ": " + e.getMessage(), e);
        }
        return open(dir, false);
    }

    /**
     * Opens the existing database in {@code dir} for reading only: not a file in it changes, so it may be a checkpoint
     * that is also sent to other replicas. Writes fail.
     */
    static RocksMetaStore openReadOnly(Path dir) {
        return open(dir, true);
    }

    private static RocksMetaStore open(Path dir, boolean readOnly) {
        LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
        BloomFilter bloom = new BloomFilter(BLOOM_BITS_PER_KEY);
        Options options = new Options()
                .setCreateIfMissing(!readOnly)
                .setKeepLogFileNum(KEEP_INFO_LOG_FILES)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(bloom)
                        .setCacheIndexAndFilterBlocks(true));
        try {
            String path = dir.toString();
            RocksDB db = readOnly ? RocksDB.openReadOnly(options, path) : RocksDB.open(options, path);
            return new RocksMetaStore(cache, bloom, options, db);
        } catch (RocksDBException e) {
            options.close();
            bloom.close();
            cache.close();
            throw new MetaStoreException("cannot open metadata store " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public KeyValueView live() {
        return live;
    }

    @Override
    public StoreSnapshot snapshot() {
        checkOpen();
        Snapshot snapshot = db.getSnapshot();
        return new PinnedView(snapshot);
    }

    @Override
    public void write(NavigableMap<byte[], byte[]> changes) {
        checkOpen();
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<byte[], byte[]> change : changes.entrySet()) {
                if (change.getValue() == null) {
                    batch.delete(change.getKey());
                } else {
                    batch.put(change.getKey(), change.getValue());
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new MetaStoreException("metadata write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void syncWal() {
        checkOpen();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw new MetaStoreException("metadata WAL sync failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        checkOpen();
        try (RocksIterator it = db.newIterator()) {
            it.seekToLast();
            if (!it.isValid()) {
                it.status();
                return;
            }
            byte[] last = it.key();
            db.deleteRange(writeOptions, new byte[0], Arrays.copyOf(last, last.length + 1)); // end is exclusive
        } catch (RocksDBException e) {
            throw new MetaStoreException("clearing the metadata store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkpoint(Path target) {
        checkOpen();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("checkpoint target " + target + " already exists");
        }
        // RocksDB flushes the memtable first, so the copy holds every write, synced or not.
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new MetaStoreException("metadata checkpoint to " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        liveReadOptions.close();
        writeOptions.close();
        try {
            db.closeE();
        } catch (RocksDBException e) {
            throw new MetaStoreException("closing metadata store failed: " + e.getMessage(), e);
        } finally {
            options.close();
            bloom.close();
            cache.close();
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new MetaStoreException("the metadata store is closed");
        }
    }

    /** Reads through one ReadOptions, which either pins a snapshot or reads the latest state. */
    private class View implements KeyValueView {
        final ReadOptions readOptions;
        final Snapshot snapshot;

        View(ReadOptions readOptions) {
            this(readOptions, null);
        }

        View(ReadOptions readOptions, Snapshot snapshot) {
            this.readOptions = readOptions;
            this.snapshot = snapshot;
        }

        @Override
        public byte[] get(byte[] key) {
            checkOpen();
            try {
                return db.get(readOptions, key);
            } catch (RocksDBException e) {
                throw new MetaStoreException("metadata read failed: " + e.getMessage(), e);
            }
        }

        @Override
        public List<byte[]> multiGet(List<byte[]> keys) {
            checkOpen();
            if (keys.isEmpty()) {
                return List.of();
            }
            try {
                return db.multiGetAsList(readOptions, keys);
            } catch (RocksDBException e) {
                throw new MetaStoreException("metadata read failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
            checkOpen();
            // The upper bound lets RocksDB stop at the range's end instead of reading into the next one.
            try (Slice bound = to == null ? null : new Slice(to);
                 ReadOptions scanOptions = scanOptions(bound);
                 RocksIterator it = db.newIterator(scanOptions)) {
                for (it.seek(from); it.isValid(); it.next()) {
                    if (!visitor.test(it.key(), it.value())) {
                        return;
                    }
                }
                it.status();
            } catch (RocksDBException e) {
                throw new MetaStoreException("metadata scan failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Entry last(byte[] from, byte[] to) {
            checkOpen();
            try (RocksIterator it = db.newIterator(readOptions)) {
                it.seekForPrev(to);
                if (it.isValid() && Arrays.equals(it.key(), to)) {
                    it.prev();
                }
                if (!it.isValid()) {
                    it.status();
                    return null;
                }
                byte[] key = it.key();
                return Arrays.compareUnsigned(key, from) >= 0 ? new Entry(key, it.value()) : null;
            } catch (RocksDBException e) {
                throw new MetaStoreException("metadata scan failed: " + e.getMessage(), e);
            }
        }

        private ReadOptions scanOptions(Slice bound) {
            ReadOptions scanOptions = new ReadOptions();
            if (snapshot != null) {
                scanOptions.setSnapshot(snapshot);
            }
            if (bound != null) {
                scanOptions.setIterateUpperBound(bound);
            }
            return scanOptions;
        }
    }

    private final class PinnedView extends View implements StoreSnapshot {
        private final AtomicBoolean released = new AtomicBoolean();

        PinnedView(Snapshot snapshot) {
            super(new ReadOptions().setSnapshot(snapshot), snapshot);
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                db.releaseSnapshot(snapshot);
                snapshot.close();
                readOptions.close();
            }
        }
    }
}
