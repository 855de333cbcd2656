package io.cairn.node;

import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.NodeRegistry;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;
import io.cairn.chunk.ChunkStore;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one storage node known to one controller: registers (retrying with backoff until it works), has the cluster id
 * the controller answers stored in {@code node.json} on the node's first registration, then sends a {@link Heartbeat}
 * every interval and registers again whenever the controller has forgotten the node (a controller restart drops its
 * soft state). A node runs one worker per controller, so every controller knows the live nodes before it has to lead,
 * and a controller that is down delays no other's heartbeats.
 *
 * <p>A controller of another cluster answers WRONG_CLUSTER: the node then never joins, logs an ERROR saying why and
 * asks again only every {@link #WRONG_CLUSTER_RETRY}, so a mistaken deployment is fixed by restarting the controller
 * side, not by the node giving up. Failures are logged once per distinct error, not once per attempt.
 *
 * <p>Runs on one virtual thread between {@link #start()} and {@link #close()}; the loop's own state is confined to that
 * thread, and what other threads read ({@link #registered()}) is volatile. Owns no resource but the thread; the
 * registry, identity and store belong to the caller.
 */
final class HeartbeatWorker implements AutoCloseable {
    static final Duration WRONG_CLUSTER_RETRY = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWorker.class);

    private final NodeRegistry registry;
    private final SharedIdentity identity;
    private final String url;
    private final String zone;
    private final Duration interval;
    private final ChunkStore store;
    private final IntSupplier inflight;
    private final String volume;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private volatile boolean registered;
    private Thread thread; // guarded by this

    // Confined to the worker thread.
    private Duration backoff;
    private String lastProblem;
    private boolean justRegistered;

    /**
     * @param registry  the controller, named in the log by its {@code toString()}
     * @param identity  the node's identity, shared with the workers towards the other controllers
     * @param url       the URL the node advertises
     * @param zone      failure domain label, or null
     * @param inflight  chunk requests in progress, reported as load
     */
    HeartbeatWorker(NodeRegistry registry, SharedIdentity identity, String url, String zone, Duration interval,
                    ChunkStore store, IntSupplier inflight) {
        this.registry = registry;
        this.identity = identity;
        this.url = url;
        this.zone = zone;
        this.interval = interval;
        this.store = store;
        this.inflight = inflight;
        this.volume = volumeOf(identity.dataDir());
        this.backoff = initialBackoff();
    }

    /** {@code host:device} of the file system holding the data directory, or null if it cannot be told. */
    private static String volumeOf(Path dataDir) {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ":" + java.nio.file.Files.getFileStore(dataDir).name();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public synchronized HeartbeatWorker start() {
        if (thread != null) {
            throw new IllegalStateException("the heartbeat worker was already started");
        }
        thread = Thread.ofVirtual().name("heartbeat-" + identity.get().nodeId() + "-" + registry).start(this::run);
        return this;
    }

    /** Whether this worker's controller knows the node, as far as the last exchange with it told. */
    public boolean registered() {
        return registered;
    }

    /** Heartbeats the controller accepted so far. */
    public long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    private void run() {
        while (stop.getCount() > 0) {
            Duration pause;
            try {
                pause = registered ? heartbeat() : register();
            } catch (RuntimeException e) {
                // A bug, not a controller failure: keep the loop (and so the node's membership) alive, but loudly.
                LOG.error("heartbeat worker failed unexpectedly; retrying", e);
                pause = interval;
            }
            if (!pause.isZero() && pauseOrStop(pause)) {
                return;
            }
        }
    }

    /** One registration attempt; returns how long to wait before the next step (zero: heartbeat at once). */
    private Duration register() {
        NodeIdentity current = identity.get();
        RegisterResponse response;
        try {
            response = registry.register(new RegisterRequest(current.nodeId(), url, current.clusterId(),
                    store.capacityBytes(), zone, store.storeId()));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.WRONG_CLUSTER) {
                return wrongCluster(e.getMessage());
            }
            problem("cannot register with controller " + registry, e);
            return nextBackoff();
        } catch (RuntimeException e) {
            problem("cannot register with controller " + registry, e);
            return nextBackoff();
        }
        String cluster = response.clusterId();
        if (cluster != null) {
            NodeIdentity joined;
            try {
                joined = identity.join(cluster);
            } catch (IOException | RuntimeException e) {
                problem("cannot record the cluster id in " + identity.dataDir().resolve(NodeIdentity.FILE_NAME), e);
                return nextBackoff();
            }
            if (!cluster.equals(joined.clusterId())) {
                // A controller that does not check the cluster id (or that answered after another controller of
                // another cluster) must still not make us join its cluster.
                return wrongCluster("the controller runs cluster " + cluster);
            }
        }
        registered = true;
        justRegistered = true;
        backoff = initialBackoff();
        recovered();
        LOG.info("node {} registered with controller {} as {}", current.nodeId(), registry, url);
        return Duration.ZERO;
    }

    private Duration heartbeat() {
        NodeIdentity current = identity.get();
        boolean afterRegistration = justRegistered;
        justRegistered = false;
        HeartbeatResponse response;
        try {
            response = registry.heartbeat(new Heartbeat(current.nodeId(), current.clusterId(), store.capacityBytes(),
                    store.usedBytes(), store.freeBytes(), store.chunkCount(), inflight.getAsInt(), volume,
                    store.reserveBytes(), store.storeId()));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.WRONG_CLUSTER) {
                // Registering again says why (WRONG_CLUSTER is explained and retried slowly there).
                return forgotten(afterRegistration);
            }
            problem("heartbeat to controller " + registry + " failed", e);
            return interval;
        } catch (RuntimeException e) {
            problem("heartbeat to controller " + registry + " failed", e);
            return interval;
        }
        recovered();
        if (!response.registered()) {
            return forgotten(afterRegistration);
        }
        heartbeatsSent.incrementAndGet();
        return interval;
    }

    private Duration forgotten(boolean afterRegistration) {
        registered = false;
        LOG.info("controller {} does not know node {}; registering again", registry, identity.get().nodeId());
        // Re-register at once, unless it was just done: then back off rather than spin against a confused controller.
        return afterRegistration ? nextBackoff() : Duration.ZERO;
    }

    private Duration wrongCluster(String detail) {
        registered = false;
        NodeIdentity current = identity.get();
        String mine = current.clusterId() == null ? "has joined no cluster yet" : "belongs to cluster "
                + current.clusterId();
        String message = "data directory " + identity.dataDir() + " " + mine + ", but controller " + registry
                + " refused it as belonging to another cluster (" + detail + "). This node will "
                + "not join that cluster: point it at its own cluster's controller, or start it on an empty data "
                + "directory. Asking again every " + WRONG_CLUSTER_RETRY.toSeconds() + " s.";
        if (!message.equals(lastProblem)) {
            LOG.error(message);
        } else {
            LOG.debug(message);
        }
        lastProblem = message;
        return interval.compareTo(WRONG_CLUSTER_RETRY) > 0 ? interval : WRONG_CLUSTER_RETRY;
    }

    /** Logs a failure once per distinct error, so a controller that stays down does not flood the log. */
    private void problem(String what, Exception e) {
        String message = what + ": " + (e instanceof CairnException ce ? ce.code() + " " + ce.getMessage()
                : e.toString());
        if (!message.equals(lastProblem)) {
            LOG.warn("{} (retrying; repeats of this are not logged)", message);
        } else {
            LOG.debug(message);
        }
        lastProblem = message;
    }

    private void recovered() {
        if (lastProblem != null) {
            LOG.info("node {} reaches controller {} again", identity.get().nodeId(), registry);
            lastProblem = null;
        }
    }

    private Duration initialBackoff() {
        return interval.compareTo(Duration.ofMillis(200)) < 0 ? interval : Duration.ofMillis(200);
    }

    /** Exponential backoff with jitter, capped at the larger of the interval and five seconds. */
    private Duration nextBackoff() {
        Duration current = backoff;
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        Duration doubled = current.multipliedBy(2);
        backoff = doubled.compareTo(cap) > 0 ? cap : doubled;
        long millis = Math.max(1, current.toMillis());
        // ±20% so nodes that lost the controller together do not come back in lockstep.
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-millis / 5, millis / 5 + 1));
    }

    /** Waits, returning true when the worker is being closed. */
    private boolean pauseOrStop(Duration pause) {
        try {
            return stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Stops the loop and waits briefly for it; a call to the controller in progress is interrupted if it lingers. */
    @Override
    public void close() {
        stop.countDown();
        Thread worker;
        synchronized (this) {
            worker = thread;
        }
        if (worker == null) {
            return;
        }
        try {
            if (!worker.join(CLOSE_WAIT)) {
                worker.interrupt();
                worker.join(CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
