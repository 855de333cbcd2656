package io.cairn.meta;

import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store with counters and a fault switch around it, for tests of what the database does with the store. */
final class InstrumentedStore implements MetaStore {
    final MetaStore delegate;
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger syncs = new AtomicInteger();
    final AtomicBoolean failWrites = new AtomicBoolean();

    InstrumentedStore(MetaStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public KeyValueView live() {
        return delegate.live();
    }

    @Override
    public StoreSnapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void write(NavigableMap<byte[], byte[]> changes) {
        if (failWrites.get()) {
            throw new MetaStoreException("injected write failure");
        }
        writes.incrementAndGet();
        delegate.write(changes);
    }

    @Override
    public void syncWal() {
        syncs.incrementAndGet();
        delegate.syncWal();
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public void checkpoint(Path target) {
        delegate.checkpoint(target);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
