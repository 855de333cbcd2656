package io.cairn.client;

import io.cairn.api.Replica;
import io.cairn.core.NodeId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What this gateway has seen of each storage node on the data path, so reads go to the least loaded copy and a node
 * that keeps failing is left alone for a while without waiting for the controller to notice missed heartbeats:
 * <ul>
 *   <li>requests in flight to the node, and a moving average of how long its requests took;</li>
 *   <li>a circuit breaker: after {@link #TRIP_AFTER} failures in a row the node is skipped (tried last) for a pause
 *   that doubles with every failed probe, from one second up to thirty; when the pause ends one request probes it,
 *   and a success closes the breaker.</li>
 * </ul>
 * Soft state of one gateway, never shared. Thread-safe.
 */
public final class NodeHealth {
    static final int TRIP_AFTER = 3;
    private static final long FIRST_PAUSE_NANOS = 1_000_000_000L;
    private static final long MAX_PAUSE_NANOS = 30_000_000_000L;
    /** Weight of the newest request in the latency average. */
    private static final double ALPHA = 0.2;

    private final LongSupplier nanoTime;
    private final Map<NodeId, State> nodes = new ConcurrentHashMap<>();

    public NodeHealth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    private static final class State {
        int inFlight;
        double latencyNanos;
        int failuresInARow;
        long pauseNanos;
        long openUntil;
        boolean probing;
    }

    private State state(NodeId node) {
        return nodes.computeIfAbsent(node, n -> new State());
    }

    /**
     * The replicas in the order to try them: those whose breaker is closed (or due for a probe) first, fewest
     * requests in flight times expected latency first among them; the controller's order (healthy, least loaded by
     * heartbeat) breaks ties. Nodes whose breaker is open come last, still tried if all else fails.
     */
    public List<Replica> order(List<Replica> replicas) {
        long now = nanoTime.getAsLong();
        Map<NodeId, double[]> keys = replicas.stream().collect(Collectors.toMap(Replica::node, r -> key(r, now),
                (a, b) -> a));
        return replicas.stream().sorted(Comparator.comparingDouble((Replica r) -> keys.get(r.node())[0])
                .thenComparingDouble(r -> keys.get(r.node())[1])).toList();
    }

    private double[] key(Replica replica, long now) {
        State s = nodes.get(replica.node());
        if (s == null) {
            return new double[] {replica.healthy() ? 0 : 1, 0};
        }
        synchronized (s) {
            boolean open = s.openUntil > now || (s.probing && s.failuresInARow >= TRIP_AFTER);
            return new double[] {open ? 2 : replica.healthy() ? 0 : 1, (s.inFlight + 1) * Math.max(1, s.latencyNanos)};
        }
    }

    /**
     * Whether a read from this replica may work: its node is not down by the controller's view and its breaker is not
     * open now (once the pause is over it may be probed again, so it counts). A download whose range has a chunk
     * with no such replica is refused before its first byte ({@link ObjectReader#requireLive}).
     */
    public boolean available(Replica replica) {
        if (replica.down()) {
            return false;
        }
        State s = nodes.get(replica.node());
        if (s == null) {
            return true;
        }
        long now = nanoTime.getAsLong();
        synchronized (s) {
            return s.openUntil == 0 || s.openUntil <= now;
        }
    }

    /** Nodes whose breaker is open now: writers leave them out of placement. */
    public Set<NodeId> tripped() {
        long now = nanoTime.getAsLong();
        return nodes.entrySet().stream().filter(e -> {
            synchronized (e.getValue()) {
                return e.getValue().openUntil > now;
            }
        }).map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /** A request to the node starts; returns its start time for {@link #finished}. */
    public long started(NodeId node) {
        State s = state(node);
        long now = nanoTime.getAsLong();
        synchronized (s) {
            s.inFlight++;
            if (s.openUntil != 0 && s.openUntil <= now) {
                s.probing = true; // the pause is over: this request is the probe
            }
        }
        return now;
    }

    /** The read begun at {@code startedAt} ended; {@code ok} false for an error, timeout or bad bytes. */
    public void finished(NodeId node, long startedAt, boolean ok) {
        ended(node, startedAt, ok, true);
    }

    /**
     * A write ended. It counts for the breaker and for the requests in flight, not for the latency that ranks reads:
     * a write's time is mostly its fsync, which says little about how fast the node reads.
     */
    public void finishedWrite(NodeId node, long startedAt, boolean ok) {
        ended(node, startedAt, ok, false);
    }

    private void ended(NodeId node, long startedAt, boolean ok, boolean read) {
        State s = state(node);
        long now = nanoTime.getAsLong();
        synchronized (s) {
            s.inFlight--;
            if (ok) {
                if (read) {
                    long took = now - startedAt;
                    s.latencyNanos = s.latencyNanos == 0 ? took : ALPHA * took + (1 - ALPHA) * s.latencyNanos;
                }
                s.failuresInARow = 0;
                s.pauseNanos = 0;
                s.openUntil = 0;
                s.probing = false;
                return;
            }
            s.failuresInARow++;
            if (s.failuresInARow >= TRIP_AFTER && (s.openUntil <= now)) {
                s.pauseNanos = s.pauseNanos == 0 ? FIRST_PAUSE_NANOS : Math.min(MAX_PAUSE_NANOS, 2 * s.pauseNanos);
                s.openUntil = now + s.pauseNanos;
                s.probing = false;
            }
        }
    }
}
