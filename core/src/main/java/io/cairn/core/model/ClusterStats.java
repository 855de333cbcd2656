package io.cairn.core.model;

/**
 * Counters the state machine keeps up to date with every command, so status never scans the namespace.
 *
 * @param logicalBytes sum of the sizes of all live versions
 * @param chunkBytes   sum of the sizes of distinct chunks (one copy each)
 * @param storedBytes  sum over chunks of size times acknowledged replicas
 */
public record ClusterStats(long objects, long versions, long logicalBytes, long chunks, long chunkBytes,
                           long storedBytes) {
    public static final ClusterStats EMPTY = new ClusterStats(0, 0, 0, 0, 0, 0);
}
