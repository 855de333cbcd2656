package io.cairn.node;

import io.cairn.chunk.ChunkStore;
import io.cairn.core.NodeId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * A storage node's meters, tagged {@code node=<id>} so that nodes sharing one registry stay apart: gauges
 * {@code cairn_node_chunks}, {@code cairn_node_used_bytes}, {@code cairn_node_capacity_bytes},
 * {@code cairn_node_free_bytes}, {@code cairn_node_inflight_requests}; counters
 * {@code cairn_node_chunk_written_bytes_total}, {@code cairn_node_chunk_read_bytes_total},
 * {@code cairn_node_checksum_rejections_total}, {@code cairn_node_corrupt_reads_total}, and the scrubber's
 * {@code cairn_scrub_bytes_total}, {@code cairn_scrub_chunks_total}, {@code cairn_scrub_corrupt_total}.
 * Also the in-flight count of chunk requests that heartbeats report as load. Thread-safe; {@link #close()} removes
 * the meters from the registry.
 */
public final class NodeMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicInteger inflight = new AtomicInteger();
    private final Counter written;
    private final Counter read;
    private final Counter checksumRejections;
    private final Counter corruptReads;
    private final Counter scrubBytes;
    private final Counter scrubChunks;
    private final Counter scrubCorrupt;

    public NodeMetrics(MeterRegistry registry, ChunkStore store, NodeId nodeId) {
        this.registry = registry;
        String node = nodeId.value();
        gauge("cairn.node.chunks", "chunks stored on this node", node, store, ChunkStore::chunkCount);
        gauge("cairn.node.used.bytes", "bytes of chunks stored on this node", node, store, ChunkStore::usedBytes);
        gauge("cairn.node.capacity.bytes", "size of the file system holding the chunks", node, store,
                ChunkStore::capacityBytes);
        gauge("cairn.node.free.bytes", "bytes still free for chunks", node, store, ChunkStore::freeBytes);
        meters.add(Gauge.builder("cairn.node.inflight.requests", inflight, AtomicInteger::get)
                .description("chunk reads and writes in progress").tag("node", node).register(registry));
        written = counter("cairn.node.chunk.written.bytes", "chunk bytes stored", node);
        read = counter("cairn.node.chunk.read.bytes", "chunk bytes served", node);
        checksumRejections = counter("cairn.node.checksum.rejections",
                "chunk writes refused because the bytes did not hash to the id", node);
        corruptReads = counter("cairn.node.corrupt.reads", "chunk reads that found the stored bytes corrupt", node);
        scrubBytes = counter("cairn.scrub.bytes", "chunk bytes the scrubber re-hashed", node);
        scrubChunks = counter("cairn.scrub.chunks", "chunks the scrubber re-hashed", node);
        scrubCorrupt = counter("cairn.scrub.corrupt", "corrupt chunks the scrubber found and quarantined", node);
    }

    private void gauge(String name, String description, String node, ChunkStore store, ToLongFunction<ChunkStore> f) {
        meters.add(Gauge.builder(name, store, s -> {
            try {
                return f.applyAsLong(s);
            } catch (RuntimeException e) {
                return Double.NaN; // a file system that cannot be queried must not break the scrape
            }
        }).description(description).tag("node", node).register(registry));
    }

    private Counter counter(String name, String description, String node) {
        Counter counter = Counter.builder(name).description(description).tag("node", node).register(registry);
        meters.add(counter);
        return counter;
    }

    public void requestStarted() {
        inflight.incrementAndGet();
    }

    public void requestFinished() {
        inflight.decrementAndGet();
    }

    /** Chunk reads and writes in progress right now. */
    public int inflight() {
        return inflight.get();
    }

    public void chunkWritten(long bytes) {
        written.increment(bytes);
    }

    public void chunkRead(long bytes) {
        read.increment(bytes);
    }

    public void checksumRejected() {
        checksumRejections.increment();
    }

    public void corruptRead() {
        corruptReads.increment();
    }

    public void scrubbed(long bytes) {
        scrubChunks.increment();
        scrubBytes.increment(bytes);
    }

    public void scrubFoundCorrupt() {
        scrubCorrupt.increment();
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
