package io.cairn.controller;

import io.cairn.api.CopyDeletion;
import io.cairn.api.NodeAddress;
import io.cairn.controller.chunks.NodeChunks;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import java.util.List;
import java.util.OptionalLong;

/** Storage nodes that cannot be reached, for tests of the controller alone. */
enum NoNodes implements NodeChunks {
    INSTANCE;

    private static CairnException unreachable() {
        return new CairnException(ErrorCode.UNAVAILABLE, "no storage node is reachable in this test");
    }

    @Override
    public List<MadeCopy> replicate(String sourceUrl, ChunkId chunk, int size, List<NodeAddress> targets) {
        throw unreachable();
    }

    @Override
    public CopyDeletion delete(String url, ChunkId chunk, long generation) {
        throw unreachable();
    }

    @Override
    public Inventory inventory(String url, ChunkId after, int limit) {
        throw unreachable();
    }

    @Override
    public OptionalLong generation(String url, ChunkId chunk) {
        throw unreachable();
    }

    @Override
    public boolean intact(String url, ChunkId chunk) {
        throw unreachable();
    }
}
