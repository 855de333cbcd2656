package io.cairn.meta;

import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The metadata of one controller, opened from one directory: store, state machine and reader wired together. Commands
 * come from the replicated (Raft) log, whose apply thread calls {@link #apply} and {@link #skip} in log order, and
 * takes and installs snapshots with {@link #checkpoint} and {@link #restore}; that thread is the only writer.
 *
 * <p>The Raft log, not this database, is the durable record: applies are not synced. Opening recovers every write
 * RocksDB made durable (it replays its WAL): at least every entry up to the last {@link #sync} or {@link #checkpoint}
 * (unless a crash interrupted a {@link #restore}), maybe more, never part of one. {@link #applied()} then tells
 * exactly which entries the store holds, and the log replays its tail after that position.
 *
 * <p>Owns everything it opens; {@link #close()} releases all of it.
 */
public final class MetaDatabase implements AutoCloseable {
    /** Bounds the memory a restore takes: it copies the checkpoint in write batches of about this size. */
    private static final long RESTORE_BATCH_BYTES = 4 << 20;

    private final MetaStore store;
    private final ReadViews views;
    private final MetaStateMachine machine;
    private final MetaReader reader;

    private MetaDatabase(MetaStore store, ReadViews views, MetaStateMachine machine, MetaReader reader) {
        this.store = store;
        this.views = views;
        this.machine = machine;
        this.reader = reader;
    }

    /** Opens (or creates) the database in {@code dir}, which may also be a copy made by {@link #checkpoint}. */
    public static MetaDatabase open(Path dir) {
        return open(RocksMetaStore.open(dir));
    }

    /** Takes ownership of {@code store}. */
    static MetaDatabase open(MetaStore store) {
        ReadViews views = new ReadViews();
        try {
            MetaStateMachine machine = new MetaStateMachine(store);
            views.publish(store.snapshot());
            return new MetaDatabase(store, views, machine, new MetaReader(views));
        } catch (RuntimeException e) {
            views.close();
            store.close();
            throw e;
        }
    }

    /**
     * Applies the replicated log's entry at {@code term} and {@code index}, then publishes the new state: a read that
     * starts after this returns sees it. Writes without syncing: the replicated log is the durable record, and after a
     * crash it replays what the store lost. Only the log's apply thread calls this, in log order.
     *
     * @param entry a command or a batch encoded by {@link CommandCodec}; an entry that does not decode is rejected
     *              (alike on every replica) and the applied index still moves past it
     * @return one result per command of the entry, or null if the store already holds the entry ({@code index} at or below {@link #applied()}),
     *         as it may when the log replays its tail after a restart
     * @throws IllegalArgumentException if {@code term} is below the applied term
     * @throws MetaStoreException       if the store fails; the entry may or may not have been written, and this
     *                                  replica must stop applying
     */
    public List<ApplyResult> apply(long term, long index, byte[] entry) {
        if (index <= machine.applied().index()) {
            return null;
        }
        List<ApplyResult> results = machine.apply(term, index, entry);
        views.publish(store.snapshot());
        return results;
    }

    /**
     * Records that the replicated log's entry at {@code term} and {@code index} carries no command (a configuration or
     * leader no-op entry), so that the applied position, and a checkpoint of it, is the log's. Same thread and order
     * as {@link #apply}; an entry at or below the applied position is ignored.
     */
    public void skip(long term, long index) {
        if (index > machine.applied().index()) {
            machine.skip(term, index);
        }
    }

    /** The position of the last command applied, synced or not; {@link AppliedIndex#NONE} for a new database. */
    public AppliedIndex applied() {
        return machine.applied();
    }

    /** Makes everything applied so far durable (one WAL fsync), e.g. before reporting a snapshot taken. */
    public void sync() {
        store.syncWal();
    }

    /**
     * Copies the state into a new database directory that {@link #open(Path)} opens like any other, e.g. as a Raft
     * snapshot. Syncs first, so this database is durable at least as far as the copy. Costs little: immutable files
     * are hard links where the file system allows. Call it from the apply thread, between applies, so that the copy
     * holds exactly the position returned.
     *
     * @param target must not exist; its parent must
     * @return the position of the last command the copy holds
     */
    public AppliedIndex checkpoint(Path target) {
        store.syncWal();
        AppliedIndex position = machine.applied();
        store.checkpoint(target);
        return position;
    }

    /**
     * Replaces the whole state with that of {@code checkpoint}, a directory {@link #checkpoint} wrote here or on
     * another replica (a Raft snapshot installed from the leader, say); the directory is only read, never changed.
     * Readers see the old state until the new one is complete and durable. Not atomic on disk: a crash midway leaves a
     * database at {@link AppliedIndex#NONE}, below the checkpoint, for the caller to restore again. Call it from the
     * apply thread, between applies.
     *
     * @throws IllegalArgumentException if {@code checkpoint} holds no applied position: it is no checkpoint
     * @throws MetaStoreException       if either store fails; if this one did, only a restore may follow
     */
    public void restore(Path checkpoint) {
        try (RocksMetaStore source = RocksMetaStore.openReadOnly(checkpoint)) {
            byte[] position = source.live().get(Keys.APPLIED_INDEX);
            if (position == null) {
                throw new IllegalArgumentException(checkpoint + " is not a metadata checkpoint: no applied position");
            }
            // The applied position goes first and comes back last, so a partial copy never claims to be complete.
            store.clear();
            copyAllButAppliedIndex(source.live());
            TreeMap<byte[], byte[]> last = new TreeMap<>(Arrays::compareUnsigned);
            last.put(Keys.APPLIED_INDEX, position);
            store.write(last);
            ChunkIndexes.ensureBuilt(store);
            Quotas.ensureUsageBuilt(store);
            store.syncWal();
        } finally {
            machine.reload();
        }
        views.publish(store.snapshot());
    }

    private void copyAllButAppliedIndex(KeyValueView source) {
        TreeMap<byte[], byte[]> batch = new TreeMap<>(Arrays::compareUnsigned);
        long[] batchBytes = {0};
        source.scan(new byte[0], null, (key, value) -> {
            if (!Arrays.equals(key, Keys.APPLIED_INDEX)) {
                batch.put(key, value);
                batchBytes[0] += key.length + value.length;
            }
            if (batchBytes[0] >= RESTORE_BATCH_BYTES) {
                store.write(batch);
                batch.clear();
                batchBytes[0] = 0;
            }
            return true;
        });
        if (!batch.isEmpty()) {
            store.write(batch);
        }
    }

    /**
     * SHA-256 (lowercase hex) of the whole state as written so far, except the applied position: replicas that hold
     * the same state have the same digest wherever their logs put it. Reads every record, so it is for tests and
     * consistency checks, not for a request path.
     */
    public String digest() {
        try (StoreSnapshot snapshot = store.snapshot()) {
            return StateDigest.of(snapshot);
        }
    }

    public MetaReader reader() {
        return reader;
    }

    MetaStore store() {
        return store;
    }

    /** Idempotent. Call it once the apply thread has stopped; reads that start afterwards fail with UNAVAILABLE. */
    @Override
    public void close() {
        // If a reader were stuck, this throws and the store stays open: a leak, where freeing it would crash.
        views.close();
        store.close();
    }
}
