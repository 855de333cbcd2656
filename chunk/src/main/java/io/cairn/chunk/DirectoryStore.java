package io.cairn.chunk;

/**
 * A {@link ChunkStore} in a {@link StoreDirectory}: its identity, usage and space are the directory's, shared by
 * every store in it.
 */
abstract class DirectoryStore implements ChunkStore {
    final StoreDirectory directory;

    DirectoryStore(StoreDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String storeId() {
        return directory.storeId();
    }

    @Override
    public long usedBytes() {
        return directory.usedBytes();
    }

    @Override
    public long chunkCount() {
        return directory.chunkCount();
    }

    @Override
    public long capacityBytes() {
        return directory.capacityBytes();
    }

    @Override
    public long freeBytes() {
        return directory.freeBytes();
    }

    @Override
    public long reserveBytes() {
        return directory.reserveBytes();
    }
}
