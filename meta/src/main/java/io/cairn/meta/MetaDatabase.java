package io.cairn.meta;

import java.nio.file.Path;

/**
 * The metadata of one controller, opened from one directory: store, state machine, command log and reader wired
 * together. Opening recovers exactly the commands whose futures completed before a crash (RocksDB replays its WAL),
 * possibly plus some that were applied but not yet acknowledged.
 *
 * <p>Owns everything it opens; {@link #close()} applies what was submitted, then releases all of it.
 */
public final class MetaDatabase implements AutoCloseable {
    private final MetaStore store;
    private final ReadViews views;
    private final CommandLog log;
    private final MetaReader reader;

    private MetaDatabase(MetaStore store, ReadViews views, CommandLog log, MetaReader reader) {
        this.store = store;
        this.views = views;
        this.log = log;
        this.reader = reader;
    }

    public static MetaDatabase open(Path dir) {
        return open(RocksMetaStore.open(dir));
    }

    /** Takes ownership of {@code store}. */
    static MetaDatabase open(MetaStore store) {
        ReadViews views = new ReadViews();
        try {
            MetaStateMachine machine = new MetaStateMachine(store);
            views.publish(store.snapshot());
            return new MetaDatabase(store, views, new CommandLog(machine, store, views), new MetaReader(views));
        } catch (RuntimeException e) {
            views.close();
            store.close();
            throw e;
        }
    }

    public CommandLog log() {
        return log;
    }

    public MetaReader reader() {
        return reader;
    }

    MetaStore store() {
        return store;
    }

    @Override
    public void close() {
        log.close();
        // If a reader were stuck, this throws and the store stays open: a leak, where freeing it would crash.
        views.close();
        store.close();
    }
}
