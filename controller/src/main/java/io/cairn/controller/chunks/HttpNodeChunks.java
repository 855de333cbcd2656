package io.cairn.controller.chunks;

import io.cairn.api.ChunkInfo;
import io.cairn.api.ChunkInventory;
import io.cairn.api.CopyDeletion;
import io.cairn.api.NodeAddress;
import io.cairn.api.ReplicateResult;
import io.cairn.api.VerifyResult;
import io.cairn.client.ChunkClient;
import io.cairn.core.ChunkId;
import java.util.List;
import java.util.OptionalLong;

/** {@link NodeChunks} over the storage nodes' chunk HTTP API. Thread-safe. */
public final class HttpNodeChunks implements NodeChunks {
    private final ChunkClient client;

    public HttpNodeChunks(ChunkClient client) {
        this.client = client;
    }

    @Override
    public List<MadeCopy> replicate(String sourceUrl, ChunkId chunk, int size, List<NodeAddress> targets) {
        ReplicateResult result = client.replicate(sourceUrl, chunk, size, targets);
        return result.copies().stream().map(c -> new MadeCopy(c.node_id(), c.generation())).toList();
    }

    @Override
    public CopyDeletion delete(String url, ChunkId chunk, long generation) {
        return client.deleteIfGeneration(url, chunk, generation);
    }

    @Override
    public Inventory inventory(String url, ChunkId after, int limit) {
        ChunkInventory page = client.inventory(url, after, limit);
        List<StoredFile> files = page.chunks().stream().map(HttpNodeChunks::file).toList();
        return new Inventory(files, page.next() == null ? null : new ChunkId(page.next()));
    }

    private static StoredFile file(ChunkInfo info) {
        return new StoredFile(new ChunkId(info.id()), info.size(), info.generation(), info.age_ms());
    }

    @Override
    public OptionalLong generation(String url, ChunkId chunk) {
        return client.generation(url, chunk);
    }

    @Override
    public boolean intact(String url, ChunkId chunk) {
        return client.verify(url, chunk).state() == VerifyResult.State.OK;
    }
}
