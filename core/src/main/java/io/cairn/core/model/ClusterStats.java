package io.cairn.core.model;

/**
 * Counters the state machine keeps up to date with every command, so status never scans the namespace.
 *
 * @param logicalBytes      sum of the sizes of all live versions
 * @param chunkBytes        sum of the sizes of distinct chunks (one copy each)
 * @param storedBytes       sum over chunks of size times recorded copies
 * @param unreferencedBytes sum of the sizes of chunks nothing references any more, with copies still recorded
 * @param doomedBytes       bytes of copies given up by a logged decision whose deletion is not yet confirmed
 * @param reclaimedBytes    bytes of copies whose deletion nodes have confirmed, since the cluster began
 */
public record ClusterStats(long objects, long versions, long logicalBytes, long chunks, long chunkBytes,
                           long storedBytes, long unreferencedBytes, long doomedBytes, long reclaimedBytes) {
    public static final ClusterStats EMPTY = new ClusterStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
