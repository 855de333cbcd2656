package io.cairn.meta;

import java.nio.file.Path;
import java.util.NavigableMap;

/**
 * The durable, ordered key-value store under the state machine. One writer (the apply thread) calls {@link #live()}
 * reads and everything that writes; any thread may take a {@link #snapshot()}. Nothing here knows what the keys
 * mean.
 */
public interface MetaStore extends AutoCloseable {
    /** The latest state, including writes not yet synced; meant for the single writer. */
    KeyValueView live();

    /** Pins the current state for readers; the caller closes it. */
    StoreSnapshot snapshot();

    /**
     * Writes all changes atomically, without waiting for them to be durable.
     *
     * @param changes key to new value, or to null for a delete
     */
    void write(NavigableMap<byte[], byte[]> changes);

    /** Makes every write so far durable. */
    void syncWal();

    /** Deletes every key at once, without waiting for it to be durable. */
    void clear();

    /**
     * Copies every write so far into a new database in {@code target}, sharing immutable files by hard links where the
     * file system allows: a consistent copy that {@link RocksMetaStore#open} opens like any other.
     *
     * @param target must not exist; its parent must
     */
    void checkpoint(Path target);

    /** Callers must close every snapshot first. */
    @Override
    void close();
}
