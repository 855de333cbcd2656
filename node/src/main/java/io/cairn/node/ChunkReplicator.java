package io.cairn.node;

import io.cairn.api.ReplicateRequest;
import io.cairn.api.ReplicateResult;
import io.cairn.chunk.ChunkCheck;
import io.cairn.chunk.ChunkStore;
import io.cairn.chunk.ChunkVerification;
import io.cairn.chunk.StoredChunk;
import io.cairn.client.ChunkClient;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The node side of {@code POST /chunks/{id}/replicate}: sends this node's copy of a chunk to other nodes, one put per
 * target in parallel, each streamed from the chunk file (no chunk is held in memory). Every target verifies the bytes
 * as it does any put; a target refusing them as not hashing to the id means this node's copy is corrupt, so it is
 * re-hashed, quarantined if so, and the call fails for the caller to copy from another node. Stateless; thread-safe.
 */
final class ChunkReplicator {
    private final ChunkStore store;
    private final ChunkClient chunks;

    ChunkReplicator(ChunkStore store, ChunkClient chunks) {
        this.store = store;
        this.chunks = chunks;
    }

    private sealed interface Sent {
    }

    private record Copied(ReplicateResult.Copy copy) implements Sent {
    }

    private record Failed(ReplicateResult.Failure failure, ErrorCode code) implements Sent {
    }

    /**
     * @throws CairnException NOT_FOUND when this node has no copy; CHECKSUM_MISMATCH when its copy is corrupt (now
     *         quarantined); INVALID_ARGUMENT when the request's size is not the chunk's
     */
    ReplicateResult replicate(ChunkId id, ReplicateRequest request) throws IOException {
        StoredChunk copy = store.stat(id).orElseThrow(() -> CairnException.notFound("this node has no chunk " + id));
        if (copy.size() != request.size()) {
            // The id fixes the size: either the caller is wrong or the file was cut or extended.
            failIfCorrupt(id);
            throw CairnException.invalidArgument("chunk " + id + " has " + copy.size() + " bytes, not "
                    + request.size());
        }
        List<Future<Sent>> puts;
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            puts = request.targets().stream().map(target -> sending.submit(() -> send(id, copy.size(), target)))
                    .toList();
        }
        // Closing the executor waited for every put; send() answers failures as values.
        List<Sent> sent = puts.stream().map(Future::resultNow).toList();
        if (sent.stream().anyMatch(s -> s instanceof Failed f && f.code() == ErrorCode.CHECKSUM_MISMATCH)) {
            failIfCorrupt(id);
        }
        List<ReplicateResult.Copy> copies = new ArrayList<>();
        List<ReplicateResult.Failure> failures = new ArrayList<>();
        for (Sent s : sent) {
            switch (s) {
                case Copied c -> copies.add(c.copy());
                case Failed f -> failures.add(f.failure());
            }
        }
        return new ReplicateResult(copies, failures);
    }

    private Sent send(ChunkId id, long size, ReplicateRequest.Target target) {
        try {
            long generation = chunks.put(target.url(), id, size, () -> open(id, size));
            return new Copied(new ReplicateResult.Copy(target.node_id(), generation));
        } catch (CairnException e) {
            return new Failed(new ReplicateResult.Failure(target.node_id(), e.code() + ": " + e.getMessage()),
                    e.code());
        }
    }

    private InputStream open(ChunkId id, long size) {
        try {
            return store.open(id, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void failIfCorrupt(ChunkId id) throws IOException {
        ChunkCheck check = store.verify(id);
        if (check.result() == ChunkVerification.CORRUPT) {
            store.quarantine(id, check.generation());
            throw new CairnException(ErrorCode.CHECKSUM_MISMATCH, "this node's copy of chunk " + id
                    + " is corrupt and was quarantined: copy the chunk from another node");
        }
    }
}
