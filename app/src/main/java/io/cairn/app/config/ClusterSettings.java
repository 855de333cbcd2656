package io.cairn.app.config;

import io.cairn.controller.KeeperSettings;
import io.cairn.http.limits.ConnectionLimits;
import io.cairn.http.limits.RateLimits;
import java.time.Duration;

/**
 * The settings every server role shares, resolved and validated once in {@code main} and passed down.
 *
 * @param healthCheckInterval how often nodes heartbeat (HEALTH_CHECK_INTERVAL)
 * @param nodeTimeout         a node silent for this long is unhealthy: placement avoids it, readers skip it
 * @param connectionTimeout   connect and per-request timeout between Cairn processes (CONNECTION_TIMEOUT)
 * @param maxConcurrentUploads uploads a gateway streams at once, however small (MAX_CONCURRENT_UPLOADS)
 * @param maxBufferMemory     bytes the buffers of a gateway's transfers may hold at once (MAX_BUFFER_MEMORY)
 * @param security            credentials: the root user, the legacy API key, the cluster secret
 * @param s3                  the S3 endpoint a gateway serves beside the REST API; null for none
 * @param multipartExpiry     multipart uploads left open this long are aborted by the controller group's leader
 * @param reserveFraction     share of each node's disk that chunk writes leave free
 * @param scrubRate           bytes per second each node's scrubber re-hashes at most; 0 turns scrubbing off
 * @param nodeCapacity        most bytes of chunks each node started here keeps; 0 for its whole disk
 * @param keeper              repair, draining, trimming and garbage collection by the controller group's leader
 * @param rateLimits          a gateway's limits per access key and per client address, until changed at run time
 * @param connections         what every port allows slow clients and clients with many connections (MIN_BODY_RATE,
 *                            BODY_IDLE_TIMEOUT, MAX_CONNECTIONS_PER_CLIENT)
 * @param console             whether a gateway serves the web console at {@code /} (CONSOLE, {@code --no-console})
 */
public record ClusterSettings(int replicationFactor, int chunkSize, long maxFileSize, Duration healthCheckInterval,
                              Duration nodeTimeout, Duration connectionTimeout, int maxConcurrentUploads,
                              long maxBufferMemory, Security security, S3Config s3, Duration multipartExpiry, double reserveFraction,
                              long scrubRate, long nodeCapacity, KeeperSettings keeper, RateLimits rateLimits,
                              ConnectionLimits connections, boolean console) {

    /** The same settings for a gateway that serves no S3 endpoint. */
    public ClusterSettings withoutS3() {
        return new ClusterSettings(replicationFactor, chunkSize, maxFileSize, healthCheckInterval, nodeTimeout,
                connectionTimeout, maxConcurrentUploads, maxBufferMemory, security, null, multipartExpiry, reserveFraction, scrubRate,
                nodeCapacity, keeper, rateLimits, connections, console);
    }

    public ClusterSettings withNodeCapacity(long bytes) {
        return new ClusterSettings(replicationFactor, chunkSize, maxFileSize, healthCheckInterval, nodeTimeout,
                connectionTimeout, maxConcurrentUploads, maxBufferMemory, security, s3, multipartExpiry, reserveFraction, scrubRate,
                bytes, keeper, rateLimits, connections, console);
    }

    public ClusterSettings withSecurity(Security newSecurity) {
        return new ClusterSettings(replicationFactor, chunkSize, maxFileSize, healthCheckInterval, nodeTimeout,
                connectionTimeout, maxConcurrentUploads, maxBufferMemory, newSecurity, s3, multipartExpiry, reserveFraction, scrubRate,
                nodeCapacity, keeper, rateLimits, connections, console);
    }

    public ClusterSettings withConnections(ConnectionLimits newConnections) {
        return new ClusterSettings(replicationFactor, chunkSize, maxFileSize, healthCheckInterval, nodeTimeout,
                connectionTimeout, maxConcurrentUploads, maxBufferMemory, security, s3, multipartExpiry, reserveFraction, scrubRate,
                nodeCapacity, keeper, rateLimits, newConnections, console);
    }

    public ClusterSettings withKeeper(KeeperSettings newKeeper) {
        return new ClusterSettings(replicationFactor, chunkSize, maxFileSize, healthCheckInterval, nodeTimeout,
                connectionTimeout, maxConcurrentUploads, maxBufferMemory, security, s3, multipartExpiry, reserveFraction, scrubRate,
                nodeCapacity, newKeeper, rateLimits, connections, console);
    }
}
