package io.cairn.controller;

import java.time.Duration;

/**
 * How the controller group's leader looks after chunks (docs/design/0005).
 *
 * @param repairDelay        a node unhealthy this long has lost its copies: they are copied elsewhere (REPAIR_DELAY)
 * @param gcGrace            how long a chunk nothing references is kept before its copies are deleted, and how old
 *                           a file the map does not know must be before it is (GC_GRACE_PERIOD)
 * @param repairBytesPerSecond bandwidth of repairs, moves and rebalancing together (REPAIR_RATE); 0 for no limit
 * @param repairConcurrency  chunks copied at once
 * @param interval           pause between two passes over the chunk indexes and the nodes' inventories
 * @param balanceTolerance   the balancer moves chunks while a node's used fraction is further than this from the
 *                           mean (0.1 = ten percentage points)
 * @param autoBalance        whether the balancer runs by itself, or only when asked ({@code POST /rebalance})
 * @param reconcileInterval  each node's inventory is compared with the map at most this often (and soon after the
 *                           node registers): a full pass reads every chunk entry of the node
 */
public record KeeperSettings(Duration repairDelay, Duration gcGrace, long repairBytesPerSecond, int repairConcurrency,
                             Duration interval, double balanceTolerance, boolean autoBalance,
                             Duration reconcileInterval) {
    public static final KeeperSettings DEFAULTS = new KeeperSettings(Duration.ofMinutes(5), Duration.ofHours(1),
            0, 4, Duration.ofSeconds(10), 0.10, true, Duration.ofMinutes(10));
}
