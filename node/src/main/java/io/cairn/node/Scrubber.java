package io.cairn.node;

import io.cairn.api.LostChunks;
import io.cairn.api.NodeRegistry;
import io.cairn.chunk.ChunkCheck;
import io.cairn.chunk.ChunkStore;
import io.cairn.chunk.ChunkVerification;
import io.cairn.chunk.DeleteOutcome;
import io.cairn.chunk.StoredChunk;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.Sizes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds chunk files that rotted on disk before a reader does: pages through the store in id order re-hashing every
 * chunk, at most at the throttle's rate, then pauses and starts over. A corrupt file is quarantined (only if it is
 * still the generation that was read: a fresh copy written meanwhile is left alone) and reported to every controller,
 * so the cluster makes a new copy while others still exist. A chunk deleted since it was listed is skipped.
 *
 * <p>A report a controller did not get is not retried: the quarantined copy is missing from the node's inventory,
 * where reconciling the inventory with the chunk map finds it. A pass cut short by a restart starts again from the
 * first id.
 *
 * <p>Runs on one virtual thread between {@link #start()} and {@link #close()}; {@link #runPass()} may also be called
 * directly (tests). Owns only its thread.
 */
final class Scrubber implements AutoCloseable {
    static final int PAGE = 1000;
    static final String REASON = "corrupt: the bytes no longer hash to the chunk id (found by the scrubber, "
            + "quarantined)";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);

    private final ChunkStore store;
    private final NodeId nodeId;
    private final List<NodeRegistry> registries;
    private final NodeMetrics metrics;
    private final Throttle throttle;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);
    private Thread thread; // guarded by this

    /**
     * @param registries every controller, each told of every corrupt chunk
     * @param interval   pause between the end of one pass and the start of the next
     */
    Scrubber(ChunkStore store, NodeId nodeId, List<NodeRegistry> registries, NodeMetrics metrics, Throttle throttle,
             Duration interval) {
        this.store = store;
        this.nodeId = nodeId;
        this.registries = List.copyOf(registries);
        this.metrics = metrics;
        this.throttle = throttle;
        this.interval = interval;
    }

    synchronized Scrubber start() {
        if (thread != null) {
            throw new IllegalStateException("the scrubber was already started");
        }
        thread = Thread.ofVirtual().name("scrubber-" + nodeId).start(this::run);
        return this;
    }

    private void run() {
        try {
            do {
                runPass();
            } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            // Closing.
        } catch (RuntimeException e) {
            LOG.error("the scrubber of node {} failed and stopped", nodeId, e);
        }
    }

    /** One pass over the whole store; returns early when the scrubber is closed. */
    void runPass() throws InterruptedException {
        long started = System.nanoTime();
        long chunks = 0;
        long bytes = 0;
        ChunkId after = null;
        while (true) {
            List<StoredChunk> page;
            try {
                page = store.list(after, PAGE);
            } catch (IOException e) {
                LOG.warn("the scrubber of node {} cannot list the chunks after {}; pass abandoned: {}", nodeId, after,
                        e.toString());
                return;
            }
            for (StoredChunk chunk : page) {
                if (stop.await(throttle.delayBefore(chunk.size()), TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (scrub(chunk)) {
                    chunks++;
                    bytes += chunk.size();
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        LOG.info("scrubbed {} chunks ({}) of node {} in {} s", chunks, Sizes.human(bytes), nodeId,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Re-hashes one chunk, quarantining and reporting it if corrupt; returns whether it was there to be read. */
    private boolean scrub(StoredChunk chunk) {
        ChunkId id = chunk.id();
        try {
            ChunkCheck check = store.verify(id);
            if (check.result() == ChunkVerification.MISSING) {
                return false;
            }
            metrics.scrubbed(chunk.size());
            if (check.result() == ChunkVerification.CORRUPT
                    && store.quarantine(id, check.generation()) == DeleteOutcome.DELETED) {
                metrics.scrubFoundCorrupt();
                report(id);
            }
            return true;
        } catch (IOException e) {
            // Not proof of rot (a full descriptor table fails the same way); a reader of the chunk reports it if real.
            LOG.warn("the scrubber of node {} could not check chunk {}: {}", nodeId, id, e.toString());
            return false;
        }
    }

    private void report(ChunkId id) {
        LostChunks report = new LostChunks(nodeId, store.storeId(), List.of(id), REASON);
        for (NodeRegistry registry : registries) {
            try {
                registry.reportLostChunks(report);
            } catch (RuntimeException e) {
                LOG.warn("could not tell controller {} that chunk {} on node {} is corrupt: {}", registry, id, nodeId,
                        e.toString());
            }
        }
    }

    /** Stops the scrubber between two chunks and waits briefly for it; a chunk being hashed is interrupted. */
    @Override
    public void close() {
        stop.countDown();
        Thread scrubbing;
        synchronized (this) {
            scrubbing = thread;
        }
        if (scrubbing == null) {
            return;
        }
        try {
            if (!scrubbing.join(CLOSE_WAIT)) {
                scrubbing.interrupt();
                scrubbing.join(CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
