package io.cairn.client;

import io.cairn.api.AllocateRequest;
import io.cairn.api.ChunkPlan;
import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.MetadataService;
import io.cairn.api.NodeAddress;
import io.cairn.api.PartCommitRequest;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.Md5;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.PartRecord;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path (docs/design/0002): cut the stream into chunks, hash each on the hashing pool, ask the controller
 * where it goes, write it to its nodes in parallel, and commit the version only when every chunk has the durable
 * copies its consistency requires (all of them unless the write or its bucket asks for fewer; docs/design/0005).
 * At most {@link DataPathSettings#uploadWindow()} chunks are in flight, so memory stays bounded whatever the size.
 * A failed upload commits nothing; the chunk files it wrote are orphans, deleted once older than the grace period.
 * Thread-safe: each call to {@link #upload} owns its own state.
 */
public final class ObjectUploader {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectUploader.class);
    private static final java.time.Duration LIVENESS_TIMEOUT = java.time.Duration.ofSeconds(2);
    private final MetadataService meta;
    private final ChunkClient chunks;
    private final ColocatedNodes colocated;
    private final Executor hashPool;
    private final Executor io;
    private final DataPathSettings settings;
    private final NodeHealth health;

    /**
     * @param chunks    writes copies over HTTP
     * @param colocated writes copies on nodes in this process through their stores
     * @param hashPool  a small pool of platform threads (one per core) for SHA-256
     * @param io        an executor for blocking transfers, typically one virtual thread per task
     */
    public ObjectUploader(MetadataService meta, ChunkClient chunks, ColocatedNodes colocated, Executor hashPool,
                          Executor io, DataPathSettings settings, NodeHealth health) {
        this.meta = meta;
        this.chunks = chunks;
        this.colocated = colocated;
        this.hashPool = hashPool;
        this.io = io;
        this.settings = settings;
        this.health = health;
    }

    /**
     * Fails now, with the error the upload would fail with, if the cluster cannot place chunks at the upload's
     * replication factor (too few healthy nodes).
     */
    public void checkPlaceable(UploadSpec spec) {
        meta.allocate(new AllocateRequest(List.of(), spec.replication(), List.of(), spec.bucket(),
                spec.consistency()));
    }

    /**
     * The most heap an upload's chunk buffers can take at once: its window of buffers (no more than the body has
     * chunks), each of the chunk size or, for a body known to be smaller, of the body's size, each at its
     * {@link TransferMemory#heapCost}. A body of unknown
     * length grows its buffer by doubling from 64 KiB, so the one being cut may briefly exist twice (half and
     * whole). The writes to nodes send from these buffers without copying them; hashing and MD5 copy nothing either.
     *
     * @param bound most bytes the body can hold (its Content-Length), or -1 if unknown
     */
    public long memory(int chunkSize, long bound) {
        return memory(settings, chunkSize, bound);
    }

    /** {@link #memory(int, long)} for these data path settings. */
    public static long memory(DataPathSettings settings, int chunkSize, long bound) {
        int window = settings.uploadWindow();
        if (bound < 0) {
            return window * TransferMemory.heapCost(chunkSize) + TransferMemory.heapCost(chunkSize / 2);
        }
        long chunks = Math.max(1, (bound + chunkSize - 1) / chunkSize);
        return Math.min(window, chunks) * TransferMemory.heapCost(Math.min(chunkSize, Math.max(1, bound)));
    }

    /**
     * Stores a body and commits it as a new version.
     *
     * @param bound  most bytes the body can hold (its Content-Length), or -1 if unknown; sizes the chunk buffers. A
     *               body longer than this is refused.
     * @param memory at least {@link #memory(int, long)} bytes reserved for this upload; kept reserved past the
     *               return for copies still being written into nodes (a write that did not wait for all of them)
     */
    public UploadResult upload(UploadSpec spec, InputStream body, long bound, TransferMemory.Reservation memory)
            throws IOException {
        Stored stored = store(spec, body, bound, memory);
        // A fresh id per upload, the same on every retry of its commit (a controller failover resends it): a retry
        // after a lost reply then gets the version the first attempt made instead of making a second one.
        var version = meta.commit(new CommitRequest(spec.bucket(), spec.key(), stored.size(), spec.chunkSize(),
                spec.replication(), spec.contentType(), spec.metadata(), stored.chunks(), spec.ifNoneMatch(),
                UUID.randomUUID().toString(), stored.content()));
        recordLateCopies(stored.late());
        return new UploadResult(version, stored.deduplicated());
    }

    /**
     * Stores one part of a multipart upload and records it; the part's ETag is its MD5.
     *
     * @param spec the upload's destination and chunking (its content type and metadata belong to the upload)
     */
    public PartRecord uploadPart(UploadSpec spec, String uploadId, int number, InputStream body, long bound,
                                 TransferMemory.Reservation memory) throws IOException {
        Stored stored = store(spec, body, bound, memory);
        PartRecord part = meta.commitPart(new PartCommitRequest(spec.bucket(), spec.key(), uploadId, number,
                stored.size(), stored.content().etag(), stored.content().checksum(), stored.chunks(),
                spec.replication()));
        recordLateCopies(stored.late());
        return part;
    }

    /**
     * What a body became: chunks durable on their nodes (as many as the write's consistency requires), the copies
     * still being written, and what the spec's check says about the content.
     */
    private record Stored(List<CommittedChunk> chunks, long size, ContentInfo content, int deduplicated,
                          List<LateCopy> late) {
    }

    /**
     * Once the version (or part) is committed, records each copy the write did not wait for as it lands. One that
     * fails, or lands after this gateway stopped, is made by the controller's repair instead.
     */
    private void recordLateCopies(List<LateCopy> late) {
        for (LateCopy copy : late) {
            copy.write().thenAccept(written -> {
                if (written != null) {
                    meta.recordCopies(WrittenCopy.committed(copy.chunk(), copy.size(), List.of(written)));
                }
            }).exceptionally(e -> {
                LOG.debug("a copy of chunk {} written after the acknowledgement was not recorded: {}", copy.chunk(),
                        e.toString());
                return null;
            });
        }
    }

    /** A copy still being written when the write was acknowledged (consistency below strong). */
    private record LateCopy(ChunkId chunk, int size, CompletableFuture<WrittenCopy> write) {
    }

    private Stored store(UploadSpec spec, InputStream body, long bound, TransferMemory.Reservation memory)
            throws IOException {
        long needed = memory(spec.chunkSize(), bound);
        if (memory.bytes() < needed) {
            throw new IllegalStateException("an upload needs " + needed + " bytes reserved, not " + memory.bytes());
        }
        Upload upload = new Upload(spec);
        try {
            upload.sendChunks(body, bound);
        } finally {
            upload.awaitInFlight();
            // Copies a write did not wait for still send from their chunk's buffer.
            memory.holdUntil(upload.buffersBack());
        }
        upload.throwIfFailed();
        List<CommittedChunk> committed = upload.committedChunks();
        upload.probeHolders(committed);
        committed = upload.replaceLostCopies(committed);
        ContentInfo content = spec.content().verify(upload.md5.digest());
        return new Stored(committed, upload.total, content, upload.deduplicated.get(), List.copyOf(upload.late));
    }

    /** The state of one upload; owned by the calling thread except for the fields chunk tasks touch. */
    private final class Upload {
        final UploadSpec spec;
        final Semaphore window = new Semaphore(settings.uploadWindow());
        final List<CompletableFuture<CommittedChunk>> inFlight = new ArrayList<>();
        final Set<NodeId> failedNodes = ConcurrentHashMap.newKeySet();
        final Map<NodeId, String> nodeUrls = new ConcurrentHashMap<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger deduplicated = new AtomicInteger();
        final List<LateCopy> late = new java.util.concurrent.CopyOnWriteArrayList<>();
        // S3's ETag: the chunks are cut in order on the calling thread, so it digests them in order there.
        final MessageDigest md5 = Md5.newDigest();
        final BufferPool buffers = new BufferPool();
        // Completes, per chunk, once its buffer is back in the pool: no write reads from it any more.
        final List<CompletableFuture<?>> returned = new ArrayList<>();
        long total;

        Upload(UploadSpec spec) {
            this.spec = spec;
        }

        void sendChunks(InputStream body, long bound) throws IOException {
            ChunkCutter cutter = new ChunkCutter(body, spec.chunkSize(), bound, buffers);
            while (failure.get() == null) {
                acquireWindow();
                ChunkCutter.Chunk chunk;
                try {
                    chunk = cutter.next();
                } catch (IOException | RuntimeException e) {
                    window.release();
                    throw e;
                }
                if (chunk == null) {
                    window.release();
                    return;
                }
                total += chunk.length();
                if (total > spec.maxSize()) {
                    window.release();
                    throw new CairnException(ErrorCode.PAYLOAD_TOO_LARGE,
                            "file exceeds the maximum size of " + spec.maxSize() + " bytes");
                }
                byte[] data = chunk.buffer();
                int length = chunk.length();
                md5.update(data, 0, length);
                List<CompletableFuture<WrittenCopy>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
                CompletableFuture<Void> back = new CompletableFuture<>();
                CompletableFuture<CommittedChunk> task = CompletableFuture
                        .supplyAsync(() -> Hashed.of(data, length), hashPool)
                        .thenApplyAsync(hashed -> store(hashed, data, length, pending), io)
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, Futures.unwrap(error));
                            }
                            // The buffer (and its place in the window) is free once no write reads from it any more.
                            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                                    .whenComplete((done, late) -> {
                                        buffers.give(data);
                                        window.release();
                                        back.complete(null);
                                    });
                        });
                returned.add(back);
                inFlight.add(task);
            }
        }

        private void acquireWindow() throws IOException {
            try {
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("upload interrupted", e);
            }
        }

        /**
         * Writes one chunk to enough nodes, trying new placements when nodes fail. Returns once the copies the write's
         * consistency requires are durable; copies still being written then are left in {@code pending} (and in the
         * upload's late copies). Runs on an io thread.
         */
        private CommittedChunk store(Hashed hashed, byte[] data, int length,
                                     List<CompletableFuture<WrittenCopy>> pending) {
            ChunkId id = hashed.id();
            if (failure.get() != null) {
                throw new CancellationException();
            }
            List<WrittenCopy> written = new ArrayList<>();
            int needed = -1;
            int required = -1;
            for (int attempt = 0; attempt < settings.writeAttempts(); attempt++) {
                Set<NodeId> exclude = new HashSet<>(failedNodes);
                exclude.addAll(health.tripped());
                written.forEach(w -> exclude.add(w.node()));
                ChunkPlan plan = meta.allocate(new AllocateRequest(List.of(new ChunkRef(id, length)),
                        spec.replication(), List.copyOf(exclude), spec.bucket(), spec.consistency()))
                        .plans().getFirst();
                if (plan.deduplicated()) {
                    if (written.isEmpty()) {
                        deduplicated.incrementAndGet();
                    }
                    return WrittenCopy.committed(id, length, written);
                }
                if (needed < 0) {
                    needed = plan.copiesNeeded();
                    required = plan.copiesRequired();
                }
                List<NodeAddress> targets = plan.targets().subList(0,
                        Math.min(plan.targets().size(), needed - written.size()));
                if (targets.isEmpty()) {
                    break; // every candidate is excluded: another attempt would get the same answer
                }
                Writes writes = writeToAll(targets, hashed, data, length, required - written.size());
                written.addAll(writes.acknowledged());
                // Enough copies for the consistency asked: those still being written are recorded when they land,
                // and whatever does not land is repaired like any chunk short of copies.
                if (written.size() >= required) {
                    for (CompletableFuture<WrittenCopy> write : writes.pending()) {
                        pending.add(write);
                        late.add(new LateCopy(id, length, write));
                    }
                    return WrittenCopy.committed(id, length, written);
                }
            }
            throw new CairnException(ErrorCode.INSUFFICIENT_NODES, "could not store chunk " + id + " on "
                    + needed + " nodes after " + settings.writeAttempts() + " attempts");
        }

        /** The copies a round of writes made before it returned, and the writes still going on. */
        private record Writes(List<WrittenCopy> acknowledged, List<CompletableFuture<WrittenCopy>> pending) {
        }

        /** Writes to every target at once; returns when {@code enough} copies are durable or every write ended. */
        private Writes writeToAll(List<NodeAddress> targets, Hashed chunk, byte[] data, int length, int enough) {
            Writes all = startWrites(targets, chunk, data, length);
            List<CompletableFuture<WrittenCopy>> writes = all.pending();
            Semaphore ended = new Semaphore(0);
            writes.forEach(w -> w.whenComplete((copy, error) -> ended.release()));
            int finished = 0;
            int succeeded = 0;
            while (finished < writes.size() && succeeded < enough) {
                ended.acquireUninterruptibly();
                finished++;
                succeeded = (int) writes.stream().filter(w -> w.isDone() && !w.isCompletedExceptionally()
                        && w.join() != null).count();
            }
            List<WrittenCopy> ok = new ArrayList<>();
            List<CompletableFuture<WrittenCopy>> pending = new ArrayList<>();
            for (CompletableFuture<WrittenCopy> write : writes) {
                if (!write.isDone()) {
                    pending.add(write);
                    continue;
                }
                WrittenCopy copy = Futures.join(write);
                if (copy != null) {
                    ok.add(copy);
                }
            }
            return new Writes(ok, pending);
        }

        private Writes startWrites(List<NodeAddress> targets, Hashed chunk, byte[] data, int length) {
            List<CompletableFuture<WrittenCopy>> writes = new ArrayList<>();
            for (NodeAddress target : targets) {
                nodeUrls.put(target.id(), target.url());
                writes.add(CompletableFuture.supplyAsync(() -> {
                    long started = health.started(target.id());
                    try {
                        ColocatedNodes.LocalChunks local = colocated.of(target.id());
                        WrittenCopy copy = new WrittenCopy(target.id(), local != null
                                ? local.write(chunk.id(), data, length, chunk.crc())
                                : chunks.put(target.url(), chunk.id(), data, length, chunk.crc()));
                        health.finishedWrite(target.id(), started, true);
                        return copy;
                    } catch (CairnException e) {
                        // Bad bytes are the writer's fault, a full disk the node's answer: neither is a failing node.
                        health.finishedWrite(target.id(), started, e.code() == ErrorCode.CHECKSUM_MISMATCH
                                || e.code() == ErrorCode.INSUFFICIENT_STORAGE);
                        if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
                            throw e;
                        }
                        failedNodes.add(target.id());
                        return null;
                    }
                }, io));
            }
            return new Writes(List.of(), writes);
        }

        /**
         * Asks every node holding chunks of this upload whether it is still up, when the upload spanned several
         * chunks: a node may have died after its last write without this upload noticing. A one-chunk upload's
         * writes are as fresh as any commit.
         */
        void probeHolders(List<CommittedChunk> committed) {
            if (committed.size() < 2) {
                return;
            }
            Set<NodeId> holders = new HashSet<>();
            committed.forEach(chunk -> holders.addAll(chunk.written()));
            List<CompletableFuture<Void>> probes = new ArrayList<>();
            for (NodeId node : holders) {
                probes.add(CompletableFuture.runAsync(() -> {
                    if (!chunks.alive(nodeUrls.get(node), LIVENESS_TIMEOUT)) {
                        failedNodes.add(node);
                    }
                }, io));
            }
            probes.forEach(CompletableFuture::join);
        }

        /**
         * Gives back every chunk the copies it had on nodes that failed during the upload: its copies there may be
         * gone, and the version must not start life with fewer live replicas than asked for. Each such chunk is read
         * back from a surviving copy, verified, and written to new nodes; one chunk in memory at a time. Fails the
         * upload (nothing is committed) when a chunk has no surviving copy or no node to take a new one.
         */
        List<CommittedChunk> replaceLostCopies(List<CommittedChunk> committed) throws IOException {
            if (failedNodes.isEmpty()) {
                return committed;
            }
            // One of the upload's own buffers, in its window: copies still being written may hold the others.
            acquireWindow();
            byte[] buffer = buffers.take(committed.stream().mapToInt(CommittedChunk::size).max().orElse(1));
            try {
                return replaceLostCopies(committed, buffer);
            } finally {
                buffers.give(buffer);
                window.release();
            }
        }

        private List<CommittedChunk> replaceLostCopies(List<CommittedChunk> committed, byte[] buffer) {
            List<CommittedChunk> result = new ArrayList<>(committed.size());
            for (CommittedChunk chunk : committed) {
                List<WrittenCopy> survivors = WrittenCopy.of(chunk).stream()
                        .filter(w -> !failedNodes.contains(w.node())).toList();
                int lost = chunk.written().size() - survivors.size();
                if (lost == 0) {
                    result.add(chunk);
                    continue;
                }
                if (survivors.isEmpty()) {
                    throw new CairnException(ErrorCode.UNAVAILABLE, "every copy of chunk " + chunk.id()
                            + " was on a node that failed during the upload; nothing was stored, retry the upload");
                }
                int n = chunks.get(nodeUrls.get(survivors.getFirst().node()), chunk.id(), buffer);
                if (n != chunk.size() || !Sha256.of(buffer, 0, n).equals(chunk.id())) {
                    throw new CairnException(ErrorCode.UNAVAILABLE, "the surviving copy of chunk " + chunk.id()
                            + " could not be read back; nothing was stored, retry the upload");
                }
                Set<NodeId> exclude = new HashSet<>(failedNodes);
                survivors.forEach(w -> exclude.add(w.node()));
                ChunkPlan plan = meta.allocate(new AllocateRequest(List.of(new ChunkRef(chunk.id(), n)),
                        spec.replication(), List.copyOf(exclude))).plans().getFirst();
                List<WrittenCopy> copies = new ArrayList<>(survivors);
                if (!plan.deduplicated()) {
                    List<NodeAddress> targets = plan.targets().subList(0, Math.min(lost, plan.targets().size()));
                    copies.addAll(writeToAll(targets, new Hashed(chunk.id(), Crc32c.of(buffer, 0, n)), buffer, n,
                            targets.size()).acknowledged());
                    if (copies.size() < chunk.written().size()) {
                        throw new CairnException(ErrorCode.INSUFFICIENT_NODES, "no node left to replace the copy of"
                                + " chunk " + chunk.id() + " lost with a failed node; nothing was stored");
                    }
                }
                result.add(WrittenCopy.committed(chunk.id(), chunk.size(), copies));
            }
            return result;
        }

        /** Completes once every chunk buffer of this upload is back in its pool, no write reading from it. */
        CompletableFuture<Void> buffersBack() {
            return CompletableFuture.allOf(returned.toArray(CompletableFuture[]::new));
        }

        void awaitInFlight() {
            for (CompletableFuture<CommittedChunk> task : inFlight) {
                try {
                    task.join();
                } catch (RuntimeException ignored) {
                    // Recorded in `failure` by the task itself.
                }
            }
        }

        void throwIfFailed() {
            Throwable t = failure.get();
            if (t instanceof CairnException ce) {
                throw ce;
            }
            if (t != null) {
                throw new CairnException(ErrorCode.INTERNAL, "upload failed: " + t, t);
            }
        }

        List<CommittedChunk> committedChunks() {
            List<CommittedChunk> result = new ArrayList<>(inFlight.size());
            for (CompletableFuture<CommittedChunk> task : inFlight) {
                result.add(task.join());
            }
            return result;
        }
    }

    /**
     * A chunk's id, and the CRC32C its nodes check the bytes against on receipt (cheaper than hashing them again on
     * every replica; reads and the scrubber still hash them against the id).
     */
    private record Hashed(ChunkId id, Crc32c crc) {
        static Hashed of(byte[] data, int length) {
            return new Hashed(Sha256.of(data, 0, length), Crc32c.of(data, 0, length));
        }
    }

    private static final class CancellationException extends RuntimeException {
        CancellationException() {
            super("upload already failed", null, false, false);
        }
    }
}
