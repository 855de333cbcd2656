package io.cairn.meta;

/** A {@link KeyValueView} pinned at one point in time; it holds native resources until closed, exactly once. */
public interface StoreSnapshot extends KeyValueView, AutoCloseable {
    @Override
    void close();
}
