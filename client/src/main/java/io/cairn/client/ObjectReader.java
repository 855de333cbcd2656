package io.cairn.client;

import io.cairn.api.BadReplicaReport;
import io.cairn.api.ChunkLocation;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.Replica;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path: stream a byte range of a version, fetching the chunks it touches in order with a bounded read-ahead,
 * each from the replica {@link NodeHealth} ranks best (least loaded, breaker closed), each verified against its
 * SHA-256 id before a byte of it is sent. A replica that fails, times out or returns other bytes is skipped for the
 * next one; a bad copy is reported to the controller. What a copy holds is bounded by the memory its caller reserved
 * ({@link #memory}, {@link TransferMemory}).
 * Thread-safe; each call owns its state.
 */
public final class ObjectReader {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectReader.class);
    /**
     * When a download refused for a chunk with no live copy may be tried again: a node that comes back counts again
     * at its first heartbeat, and a node's breaker first opens for a second.
     */
    public static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * Chunks smaller than this are hashed on the thread that fetched them: handing a few KiB to another thread costs
     * more than hashing them there.
     */
    static final int HASH_ELSEWHERE_FROM = 256 * 1024;
    /**
     * The most bytes written to the client in one call. The JDK copies a heap buffer into a direct one on every
     * attempt to write it to a socket, all of what is left each time, so one write of a whole chunk that the socket
     * takes in several goes would copy most of it several times.
     */
    static final int WRITE_SLICE = 256 * 1024;

    private final MetadataService meta;
    private final ChunkClient chunks;
    private final ColocatedNodes colocated;
    private final Executor io;
    private final Executor hashPool;
    private final DataPathSettings settings;
    private final NodeHealth health;

    /**
     * @param chunks    reads copies over HTTP
     * @param colocated reads copies on nodes in this process from their stores, verified the same way
     * @param io        runs the fetches (blocking I/O: virtual threads)
     * @param hashPool  verifies what they fetched: a small pool of platform threads (one per core), so a download's
     *                  chunks are hashed on several cores while the next ones arrive and this one is sent
     */
    public ObjectReader(MetadataService meta, ChunkClient chunks, ColocatedNodes colocated, Executor io,
                        Executor hashPool, DataPathSettings settings, NodeHealth health) {
        this.meta = meta;
        this.chunks = chunks;
        this.colocated = colocated;
        this.io = io;
        this.hashPool = hashPool;
        this.settings = settings;
        this.health = health;
    }

    /**
     * The most heap {@link #copy} of this range takes at once: its read-ahead of chunk buffers (no more than the
     * range touches, and fewer where {@code limit} cannot hold them all), each as large as the largest chunk in the
     * range, at its {@link TransferMemory#heapCost}. A chunk is fetched into its buffer, verified and written out from it; nothing else holds its bytes.
     *
     * @param limit the most this download may hold, e.g. the gateway's whole transfer memory
     * @throws CairnException UNAVAILABLE when one chunk of the range is larger than {@code limit}
     */
    public long memory(Manifest manifest, long from, long toExclusive, long limit) {
        Span span = span(manifest, from, toExclusive);
        if (span.chunks() == 0) {
            return 0;
        }
        if (TransferMemory.heapCost(span.largest()) > limit) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "a chunk of this object has " + span.largest()
                    + " bytes, more than this gateway may hold for transfers (" + limit + " bytes, MAX_BUFFER_MEMORY)");
        }
        return depth(span, limit) * TransferMemory.heapCost(span.largest());
    }

    /**
     * Refuses a range that needs a chunk no replica of which can be read now ({@link NodeHealth#available}: its node
     * down by the controller's view, or its breaker open here), so a download is refused before its status line
     * rather than cut off where it reaches that chunk. Looks at the manifest only: O(chunks in the range), no request.
     * A replica that fails although it looked live is still found only when the reader reaches it.
     *
     * @throws CairnException INSUFFICIENT_NODES with a Retry-After, saying how many chunks of the range have no live
     *                        copy and where the first of them is stored
     */
    public void requireLive(Manifest manifest, long from, long toExclusive) {
        Span span = span(manifest, from, toExclusive);
        int dead = 0;
        ChunkLocation first = null;
        int firstIndex = -1;
        for (int i = span.first(); i < span.end(); i++) {
            ChunkLocation location = manifest.chunks().get(i);
            if (location.replicas().stream().noneMatch(health::available)) {
                if (dead++ == 0) {
                    first = location;
                    firstIndex = i;
                }
            }
        }
        if (dead == 0) {
            return;
        }
        StringJoiner nodes = new StringJoiner(", ");
        first.replicas().forEach(r -> nodes.add(r.node().value() + (r.down() ? " (down)" : " (failing)")));
        throw new CairnException(ErrorCode.INSUFFICIENT_NODES, dead + " of the " + span.chunks() + " chunks "
                + (toExclusive - from == manifest.version().size() ? "of this file" : "this range needs")
                + (dead == 1 ? " has" : " have") + " no live copy, so nothing was sent (the first: chunk "
                + (firstIndex + 1) + ", bytes " + first.offset() + "-" + (end(first) - 1) + ", "
                + (first.replicas().isEmpty() ? "has no copy on a current store"
                : "is stored on " + nodes + " only") + "); retry once a node holding it is back",
                UNAVAILABLE_RETRY_AFTER);
    }

    /**
     * Writes bytes {@code [from, toExclusive)} of the version to {@code out}, holding at most {@code memory} bytes of
     * chunk buffers (at least one chunk's). Returns, or throws, only once no fetch it started still runs.
     */
    public void copy(Manifest manifest, long from, long toExclusive, OutputStream out, long memory) throws IOException {
        List<ChunkLocation> locations = manifest.chunks();
        Span span = span(manifest, from, toExclusive);
        BufferPool buffers = new BufferPool();
        AtomicBoolean stopped = new AtomicBoolean();
        if (span.chunks() == 1) {
            // Nothing to read ahead: fetched on this thread, which spares a small object a hand-off there and back.
            ChunkLocation location = locations.get(span.first());
            write(out, location, fetch(location, buffers, stopped), from, toExclusive);
            return;
        }
        int depth = depth(span, memory);
        Deque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
        int next = span.first();
        try {
            for (int i = span.first(); i < span.end(); i++) {
                while (next < span.end() && ahead.size() < depth) {
                    ChunkLocation location = locations.get(next++);
                    ahead.addLast(CompletableFuture.supplyAsync(() -> fetch(location, buffers, stopped), io));
                }
                byte[] data = Futures.join(ahead.removeFirst());
                write(out, locations.get(i), data, from, toExclusive);
                buffers.give(data);
            }
        } finally {
            // A client gone midway: fetches still running hold buffers (and this download's memory) until they end.
            stopped.set(true);
            for (CompletableFuture<byte[]> fetch : ahead) {
                try {
                    fetch.join();
                } catch (RuntimeException ignored) {
                    // The copy already failed; what the fetch says does not matter.
                }
            }
        }
    }

    /** Writes the part of a chunk, held in {@code data}, that lies in {@code [from, toExclusive)}. */
    private static void write(OutputStream out, ChunkLocation location, byte[] data, long from, long toExclusive)
            throws IOException {
        int start = (int) Math.max(0, from - location.offset());
        int stop = (int) Math.min(location.size(), toExclusive - location.offset());
        for (int at = start; at < stop; at += WRITE_SLICE) {
            out.write(data, at, Math.min(WRITE_SLICE, stop - at));
        }
    }

    /** The chunks of a range: indexes {@code [first, end)} and the size of the largest. */
    private record Span(int first, int end, int largest) {
        int chunks() {
            return end - first;
        }
    }

    private static Span span(Manifest manifest, long from, long toExclusive) {
        List<ChunkLocation> locations = manifest.chunks();
        int first = 0;
        while (first < locations.size() && end(locations.get(first)) <= from) {
            first++;
        }
        int end = first;
        int largest = 0;
        while (end < locations.size() && locations.get(end).offset() < toExclusive) {
            largest = Math.max(largest, locations.get(end).size());
            end++;
        }
        return new Span(first, end, largest);
    }

    private int depth(Span span, long memory) {
        long fit = span.largest() == 0 ? span.chunks() : memory / TransferMemory.heapCost(span.largest());
        return (int) Math.max(1, Math.min(Math.min(settings.readAhead(), span.chunks()), fit));
    }

    private static long end(ChunkLocation location) {
        return location.offset() + location.size();
    }

    /**
     * Fetches and verifies one chunk into a pooled buffer (its first {@code size} bytes), trying the replicas in
     * order. Runs on an io thread.
     */
    byte[] fetch(ChunkLocation location, BufferPool buffers, AtomicBoolean stopped) {
        byte[] buffer = buffers.take(location.size());
        CairnException last = null;
        for (Replica replica : health.order(location.replicas())) {
            if (stopped.get()) {
                last = new CairnException(ErrorCode.UNAVAILABLE, "the download ended");
                break;
            }
            long started = health.started(replica.node());
            try {
                ColocatedNodes.LocalChunks local = colocated.of(replica.node());
                int n = local != null ? local.read(location.id(), buffer)
                        : chunks.get(replica.url(), location.id(), buffer);
                boolean good = n == location.size() && verify(buffer, n, location.id());
                health.finished(replica.node(), started, good);
                if (good) {
                    return buffer;
                }
                report(location, replica, "content does not match its SHA-256 id ("
                        + (n < 0 ? "more than " + buffer.length : n) + " bytes)");
                last = new CairnException(ErrorCode.CHECKSUM_MISMATCH, "replica on " + replica.node() + " is corrupt");
            } catch (CairnException e) {
                // A node that answers "not here" works; one that fails or does not answer counts against it.
                health.finished(replica.node(), started, e.code() == ErrorCode.NOT_FOUND);
                if (e.code() == ErrorCode.NOT_FOUND) {
                    report(location, replica, "missing on node");
                }
                last = e;
                LOG.debug("replica {} of chunk {} failed: {}", replica.node(), location.id(), e.getMessage());
            }
        }
        buffers.give(buffer);
        throw new CairnException(ErrorCode.UNAVAILABLE, "no readable replica of chunk " + location.id()
                + (last == null ? " (no replicas)" : ": " + last.getMessage()));
    }

    /** Whether the first {@code n} bytes of {@code buffer} hash to {@code id}; waits for the hash pool if it uses it. */
    private boolean verify(byte[] buffer, int n, ChunkId id) {
        if (n < HASH_ELSEWHERE_FROM) {
            return Sha256.of(buffer, 0, n).equals(id);
        }
        return Futures.join(CompletableFuture.supplyAsync(() -> Sha256.of(buffer, 0, n), hashPool)).equals(id);
    }

    private void report(ChunkLocation location, Replica replica, String reason) {
        LOG.warn("bad replica of chunk {} on node {}: {}", location.id(), replica.node(), reason);
        CompletableFuture.runAsync(() -> meta.reportBadReplica(
                new BadReplicaReport(location.id(), replica.node(), reason)), io).exceptionally(t -> {
                    LOG.warn("could not report bad replica of chunk {}: {}", location.id(), t.getMessage());
                    return null;
                });
    }
}
