package io.cairn.meta;

import java.util.NavigableMap;

/**
 * The durable, ordered key-value store under the state machine. One writer (the apply thread) calls {@link #live()}
 * reads, {@link #write} and {@link #syncWal}; any thread may take a {@link #snapshot()}. Nothing here knows what the
 * keys mean.
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

    /** Callers must close every snapshot first. */
    @Override
    void close();
}
