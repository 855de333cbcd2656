package io.cairn.meta;

import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real store with counters and fault switches around it, for tests of what the log does with the store. */
final class InstrumentedStore implements MetaStore {
    final MetaStore delegate;
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger syncs = new AtomicInteger();
    final AtomicBoolean failWrites = new AtomicBoolean();
    /** When set, the next sync waits for this latch. */
    final AtomicReference<CountDownLatch> holdSync = new AtomicReference<>();
    final CountDownLatch syncHeld = new CountDownLatch(1);

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
        CountDownLatch hold = holdSync.getAndSet(null);
        if (hold != null) {
            syncHeld.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
