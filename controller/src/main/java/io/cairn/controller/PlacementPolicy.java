package io.cairn.controller;

import io.cairn.core.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Chooses nodes for new replicas: distinct, healthy, not excluded, with room for the chunk, drawn at random weighted
 * by free space so that emptier disks fill faster and no single node becomes a hot spot. Pure apart from the random
 * source, which tests fix with a seed. Thread-safe if the random source is.
 */
public final class PlacementPolicy {
    private final RandomGenerator random;

    public PlacementPolicy(RandomGenerator random) {
        this.random = random;
    }

    /** Up to {@code count} nodes; fewer if fewer qualify. Never returns a node twice. */
    public List<NodeStatus> choose(List<NodeStatus> candidates, int count, Set<NodeId> exclude, long chunkSize) {
        List<NodeStatus> pool = new ArrayList<>();
        for (NodeStatus node : candidates) {
            if (node.healthy() && !exclude.contains(node.id()) && node.freeBytes() >= chunkSize) {
                pool.add(node);
            }
        }
        List<NodeStatus> chosen = new ArrayList<>(Math.min(count, pool.size()));
        while (chosen.size() < count && !pool.isEmpty()) {
            chosen.add(pool.remove(pickWeighted(pool)));
        }
        return chosen;
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
        return Math.max(1.0, node.freeBytes());
    }
}
