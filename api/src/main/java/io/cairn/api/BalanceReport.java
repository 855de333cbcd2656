package io.cairn.api;

import java.util.List;

/**
 * How evenly the nodes taking writes are used ({@code POST /rebalance}): each node's used fraction of its capacity, the
 * mean, and whether every node is within the tolerance of it. Moves happen in the background, a bounded amount per
 * pass of the controller group's leader, always copy first and retire the old copy last.
 */
public record BalanceReport(double tolerance, double mean, boolean balanced, boolean moving, long moved_chunks,
                            long moved_bytes, List<NodeUse> nodes) {
    public BalanceReport {
        nodes = List.copyOf(nodes);
    }

    public record NodeUse(String node_id, long used_bytes, long capacity_bytes, double used_fraction) {
    }
}
