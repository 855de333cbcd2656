package io.cairn.client;

import io.cairn.api.BadReplicaReport;
import io.cairn.api.ChunkLocation;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.Replica;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path: stream a byte range of a version, fetching the chunks it touches in order with a bounded read-ahead,
 * each from the replica {@link NodeHealth} ranks best (least loaded, breaker closed), each verified against its
 * SHA-256 id before a byte of it is sent. A replica that fails, times out or returns other bytes is skipped for the
 * next one; a bad copy is reported to the controller.
 * Thread-safe; each call owns its state.
 */
public final class ObjectReader {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectReader.class);

    private final MetadataService meta;
    private final ChunkClient chunks;
    private final Executor io;
    private final DataPathSettings settings;
    private final NodeHealth health;

    public ObjectReader(MetadataService meta, ChunkClient chunks, Executor io, DataPathSettings settings,
                        NodeHealth health) {
        this.meta = meta;
        this.chunks = chunks;
        this.io = io;
        this.settings = settings;
        this.health = health;
    }

    /** Writes bytes {@code [from, toExclusive)} of the version to {@code out}. */
    public void copy(Manifest manifest, long from, long toExclusive, OutputStream out) throws IOException {
        List<ChunkLocation> locations = manifest.chunks();
        int first = 0;
        while (first < locations.size() && end(locations.get(first)) <= from) {
            first++;
        }
        Deque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
        BufferPool buffers = new BufferPool();
        int next = first;
        try {
            for (int i = first; i < locations.size() && locations.get(i).offset() < toExclusive; i++) {
                while (next < locations.size() && locations.get(next).offset() < toExclusive
                        && ahead.size() < settings.readAhead()) {
                    ChunkLocation location = locations.get(next++);
                    ahead.addLast(CompletableFuture.supplyAsync(() -> fetch(location, buffers), io));
                }
                byte[] data = Futures.join(ahead.removeFirst());
                ChunkLocation location = locations.get(i);
                int start = (int) Math.max(0, from - location.offset());
                int stop = (int) Math.min(location.size(), toExclusive - location.offset());
                out.write(data, start, stop - start);
                buffers.give(data);
            }
        } finally {
            ahead.forEach(f -> f.cancel(true));
        }
    }

    private static long end(ChunkLocation location) {
        return location.offset() + location.size();
    }

    /**
     * Fetches and verifies one chunk into a pooled buffer (its first {@code size} bytes), trying the replicas in
     * order. Runs on an io thread.
     */
    byte[] fetch(ChunkLocation location, BufferPool buffers) {
        byte[] buffer = buffers.take(location.size());
        CairnException last = null;
        for (Replica replica : health.order(location.replicas())) {
            long started = health.started(replica.node());
            try {
                int n = chunks.get(replica.url(), location.id(), buffer);
                boolean good = n == location.size() && Sha256.of(buffer, 0, n).equals(location.id());
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

    private void report(ChunkLocation location, Replica replica, String reason) {
        LOG.warn("bad replica of chunk {} on node {}: {}", location.id(), replica.node(), reason);
        CompletableFuture.runAsync(() -> meta.reportBadReplica(
                new BadReplicaReport(location.id(), replica.node(), reason)), io).exceptionally(t -> {
                    LOG.warn("could not report bad replica of chunk {}: {}", location.id(), t.getMessage());
                    return null;
                });
    }
}
