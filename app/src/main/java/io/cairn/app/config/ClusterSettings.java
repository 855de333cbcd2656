package io.cairn.app.config;

import java.time.Duration;

/**
 * The settings every server role shares, resolved and validated once in {@code main} and passed down.
 *
 * @param healthCheckInterval how often nodes heartbeat (seed's HEALTH_CHECK_INTERVAL)
 * @param nodeTimeout         a node silent for this long is unhealthy: placement avoids it, readers skip it
 * @param connectionTimeout   connect and per-request timeout between Cairn processes (seed's CONNECTION_TIMEOUT)
 */
public record ClusterSettings(int replicationFactor, int chunkSize, long maxFileSize, Duration healthCheckInterval,
                              Duration nodeTimeout, Duration connectionTimeout, int maxConcurrentUploads,
                              String apiKey) {
}
