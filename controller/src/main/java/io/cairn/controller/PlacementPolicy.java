package io.cairn.controller;

import io.cairn.core.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Chooses nodes for new copies of a chunk: distinct, writable (healthy and not draining), not excluded, with room
 * for the chunk above their reserve, and spread over failure domains: a node in a zone, on a host or on a volume that
 * no copy of the chunk uses yet is always preferred (zone first, then host, then volume), so two copies share a
 * volume, a host or a zone only when no other node has room. Among equally good nodes the draw is random, weighted
 * by free space, so emptier disks fill faster and no node becomes a hot spot. Pure apart from the random source,
 * which tests fix with a seed. Thread-safe if the random source is.
 */
public final class PlacementPolicy {
    private static final List<Function<NodeStatus, String>> DOMAINS = List.of(
            NodeStatus::zone, NodeStatus::host, NodeStatus::volume);

    private final RandomGenerator random;

    public PlacementPolicy(RandomGenerator random) {
        this.random = random;
    }

    /** Up to {@code count} nodes for a chunk no node holds yet; fewer if fewer qualify. */
    public List<NodeStatus> choose(List<NodeStatus> candidates, int count, Set<NodeId> exclude, long chunkSize) {
        return choose(candidates, count, exclude, chunkSize, List.of());
    }

    /**
     * Up to {@code count} nodes; fewer if fewer qualify. Never returns a node twice.
     *
     * @param holders the nodes already holding copies of the chunk (excluded themselves), whose failure domains the
     *                new copies avoid
     */
    public List<NodeStatus> choose(List<NodeStatus> candidates, int count, Set<NodeId> exclude, long chunkSize,
                                   Collection<NodeStatus> holders) {
        List<NodeStatus> pool = new ArrayList<>();
        for (NodeStatus node : candidates) {
            if (node.writable() && !exclude.contains(node.id()) && node.room() >= chunkSize
                    && holders.stream().noneMatch(h -> h.id().equals(node.id()))) {
                pool.add(node);
            }
        }
        List<NodeStatus> placed = new ArrayList<>(holders);
        List<NodeStatus> chosen = new ArrayList<>(Math.min(count, pool.size()));
        while (chosen.size() < count && !pool.isEmpty()) {
            List<NodeStatus> best = bestSpread(pool, placed);
            NodeStatus pick = best.get(pickWeighted(best));
            pool.remove(pick);
            placed.add(pick);
            chosen.add(pick);
        }
        return chosen;
    }

    /** The candidates that share the fewest failure domains with the copies placed so far, most significant first. */
    private static List<NodeStatus> bestSpread(List<NodeStatus> pool, List<NodeStatus> placed) {
        Comparator<NodeStatus> bySharing = Comparator.comparingInt(n -> 0);
        for (Function<NodeStatus, String> domain : DOMAINS) {
            bySharing = bySharing.thenComparing(n -> shares(n, placed, domain));
        }
        NodeStatus top = pool.stream().min(bySharing).orElseThrow();
        Comparator<NodeStatus> order = bySharing;
        return pool.stream().filter(n -> order.compare(n, top) == 0).toList();
    }

    /** Whether the node is in a domain (a known zone, host or volume) one of the placed copies is in. */
    private static boolean shares(NodeStatus node, List<NodeStatus> placed, Function<NodeStatus, String> domain) {
        String mine = domain.apply(node);
        return mine != null && placed.stream().anyMatch(p -> mine.equals(domain.apply(p)));
    }

    private int pickWeighted(List<NodeStatus> pool) {
        double total = 0;
        for (NodeStatus node : pool) {
            total += weight(node);
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < pool.size(); i++) {
            point -= weight(pool.get(i));
            if (point < 0) {
                return i;
            }
        }
        return pool.size() - 1;
    }

    // A floor of 1 keeps the arithmetic sound for a node whose first heartbeat has not reported its free space yet.
    private static double weight(NodeStatus node) {
        return Math.max(1.0, node.room());
    }
}
