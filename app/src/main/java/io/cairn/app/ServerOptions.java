package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigSource;
import io.cairn.core.ChunkLimits;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options every server role shares. Each can also come from an environment variable (seed 000's names) or the
 * {@code --config} properties file; a flag wins over the environment, which wins over the file.
 */
final class ServerOptions {
    static final long DEFAULT_MAX_FILE_SIZE = 5L << 40;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings by env-var name, e.g. REPLICATION_FACTOR=3.")
    Path config;

    @Option(names = "--replication-factor", paramLabel = "R", description = "Replicas per chunk when an upload does not say (REPLICATION_FACTOR, default 2).")
    String replicationFactor;

    @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Default chunk size, 64KiB..64MiB (CHUNK_SIZE, default 4MiB).")
    String chunkSize;

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Larger uploads get 413 (MAX_FILE_SIZE, default 5TiB).")
    String maxFileSize;

    @Option(names = "--health-check-interval", paramLabel = "DURATION", description = "Node heartbeat interval (HEALTH_CHECK_INTERVAL, seconds or 500ms/2s; default 3s).")
    String healthCheckInterval;

    @Option(names = "--node-timeout", paramLabel = "DURATION", description = "A node silent this long is unhealthy (NODE_TIMEOUT, default 3.5 x the heartbeat interval).")
    String nodeTimeout;

    @Option(names = "--connection-timeout", paramLabel = "DURATION", description = "Timeout of calls between Cairn processes (CONNECTION_TIMEOUT, default 10s).")
    String connectionTimeout;

    @Option(names = "--max-concurrent-uploads", paramLabel = "N", description = "Uploads streaming at once per gateway; more wait (MAX_CONCURRENT_UPLOADS, default 64).")
    String maxConcurrentUploads;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Require this X-API-Key on every request but /health (API_KEY).")
    String apiKey;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where server logs go (LOG_DIR, default ./logs).")
    String logDir;

    ConfigSource source(java.util.Map<String, String> env) {
        return ConfigSource.load(config, env);
    }

    ClusterSettings cluster(ConfigSource src) {
        int r = src.integer(replicationFactor, "--replication-factor", "REPLICATION_FACTOR", 2, 1, 16);
        long chunk = src.bytes(chunkSize, "--chunk-size", "CHUNK_SIZE", ChunkLimits.DEFAULT_CHUNK_SIZE,
                ChunkLimits.MIN_CHUNK_SIZE, ChunkLimits.MAX_CHUNK_SIZE);
        long max = src.bytes(maxFileSize, "--max-file-size", "MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE, 0, Long.MAX_VALUE);
        Duration heartbeat = src.duration(healthCheckInterval, "--health-check-interval", "HEALTH_CHECK_INTERVAL",
                Duration.ofSeconds(3), Duration.ofMillis(50));
        Duration timeout = src.duration(nodeTimeout, "--node-timeout", "NODE_TIMEOUT",
                heartbeat.multipliedBy(7).dividedBy(2), heartbeat);
        Duration connection = src.duration(connectionTimeout, "--connection-timeout", "CONNECTION_TIMEOUT",
                Duration.ofSeconds(10), Duration.ofMillis(100));
        int uploads = src.integer(maxConcurrentUploads, "--max-concurrent-uploads", "MAX_CONCURRENT_UPLOADS", 64, 1, 100_000);
        String key = src.string(apiKey, "--api-key", "API_KEY", null);
        return new ClusterSettings(r, (int) chunk, max, heartbeat, timeout, connection, uploads, key);
    }

    Path logDir(ConfigSource src) {
        return Path.of(src.string(logDir, "--log-dir", "LOG_DIR", "logs"));
    }
}
