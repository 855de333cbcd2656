package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigException;
import io.cairn.app.config.ConfigSource;
import io.cairn.app.config.S3Config;
import io.cairn.controller.KeeperSettings;
import io.cairn.core.ChunkLimits;
import io.cairn.node.NodeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Options every server role shares. Each can also come from the environment variable its description names or the
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

    @Option(names = "--s3-port", paramLabel = "PORT", description = "Port of the S3 API; 0 picks one, -1 turns it off (S3_PORT, default 9000).")
    String s3Port;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "Region the S3 API answers for (S3_REGION, default us-east-1).")
    String s3Region;

    @Option(names = "--s3-domain", paramLabel = "HOST[,HOST...]", description = "Base domains for virtual-host-style buckets, bucket.HOST (S3_DOMAIN or MINIO_DOMAIN).")
    String s3Domains;

    @Option(names = "--s3-access-key", paramLabel = "KEY", description = "S3 root access key (S3_ACCESS_KEY, MINIO_ROOT_USER; default cairnadmin).")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", paramLabel = "SECRET", description = "S3 root secret key (S3_SECRET_KEY, MINIO_ROOT_PASSWORD; default cairnadmin).")
    String s3SecretKey;

    @Option(names = "--multipart-expiry", paramLabel = "DURATION", description = "Multipart uploads left open this long are aborted (MULTIPART_EXPIRY, default 7d).")
    String multipartExpiry;

    @Option(names = "--reserve", paramLabel = "SHARE", description = "Share of each node's disk chunk writes leave free, e.g. 5% or 0.05 (RESERVE, default 5%).")
    String reserve;

    @Option(names = "--node-capacity", paramLabel = "SIZE", description = "Most bytes of chunks a node keeps, e.g. 500GiB; 0 for its whole disk (NODE_CAPACITY, default 0).")
    String nodeCapacity;

    @Option(names = "--repair-delay", paramLabel = "DURATION", description = "A node unhealthy this long has lost its chunks: they are copied elsewhere (REPAIR_DELAY, default 5m).")
    String repairDelay;

    @Option(names = "--repair-rate", paramLabel = "MB/S", description = "MiB per second of repair, drain and rebalance copies together; 0 for no limit (REPAIR_RATE, default 0).")
    String repairRate;

    @Option(names = "--repair-concurrency", paramLabel = "N", description = "Chunks copied at once by repairs (REPAIR_CONCURRENCY, default 4).")
    String repairConcurrency;

    @Option(names = "--gc-grace-period", paramLabel = "DURATION", description = "Chunks nothing references are deleted after this long (GC_GRACE_PERIOD, default 1h).")
    String gcGrace;

    @Option(names = "--keeper-interval", paramLabel = "DURATION", description = "Pause between the leader's passes over chunks: repair, drain, garbage collection (KEEPER_INTERVAL, default 10s).")
    String keeperInterval;

    @Option(names = "--reconcile-interval", paramLabel = "DURATION", description = "Each node's chunk files are compared with the metadata at most this often (RECONCILE_INTERVAL, default 10m).")
    String reconcileInterval;

    @Option(names = "--rebalance-tolerance", paramLabel = "SHARE", description = "The balancer moves chunks while a node's disk use is further than this from the mean, e.g. 10% (REBALANCE_TOLERANCE, default 10%).")
    String rebalanceTolerance;

    @Option(names = "--scrub-rate", paramLabel = "MB/S", description = "MiB per second each node re-hashes its chunks at to find rotten ones; 0 turns it off (SCRUB_RATE, default 8).")
    String scrubRate;

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
        Duration expiry = src.duration(multipartExpiry, "--multipart-expiry", "MULTIPART_EXPIRY", Duration.ofDays(7),
                Duration.ofMinutes(1));
        double reserved = src.fraction(reserve, "--reserve", "RESERVE", NodeSettings.DEFAULT_RESERVE_FRACTION, 0,
                0.99);
        long scrub = (long) src.integer(scrubRate, "--scrub-rate", "SCRUB_RATE",
                (int) (NodeSettings.DEFAULT_SCRUB_RATE >> 20), 0, 100_000) << 20;
        return new ClusterSettings(r, (int) chunk, max, heartbeat, timeout, connection, uploads, key, s3(src),
                expiry, reserved, scrub, src.bytes(nodeCapacity, "--node-capacity", "NODE_CAPACITY", 0, 0,
                Long.MAX_VALUE), keeper(src));
    }

    private KeeperSettings keeper(ConfigSource src) {
        KeeperSettings d = KeeperSettings.DEFAULTS;
        Duration delay = src.duration(repairDelay, "--repair-delay", "REPAIR_DELAY", d.repairDelay(), Duration.ZERO);
        long rate = (long) src.integer(repairRate, "--repair-rate", "REPAIR_RATE", 0, 0, 1_000_000) << 20;
        int concurrency = src.integer(repairConcurrency, "--repair-concurrency", "REPAIR_CONCURRENCY",
                d.repairConcurrency(), 1, 256);
        Duration grace = src.duration(gcGrace, "--gc-grace-period", "GC_GRACE_PERIOD", d.gcGrace(), Duration.ZERO);
        Duration interval = src.duration(keeperInterval, "--keeper-interval", "KEEPER_INTERVAL", d.interval(),
                Duration.ofMillis(50));
        double tolerance = src.fraction(rebalanceTolerance, "--rebalance-tolerance", "REBALANCE_TOLERANCE",
                d.balanceTolerance(), 0.01, 0.99);
        Duration reconcile = src.duration(reconcileInterval, "--reconcile-interval", "RECONCILE_INTERVAL",
                d.reconcileInterval(), Duration.ofMillis(100));
        return new KeeperSettings(delay, grace, rate, concurrency, interval, tolerance, d.autoBalance(), reconcile);
    }

    /** MinIO's variable names are accepted as aliases, so a MinIO deployment's environment carries over. */
    private S3Config s3(ConfigSource src) {
        int port = src.integer(s3Port, "--s3-port", "S3_PORT", S3Config.DEFAULT_PORT, -1, 65535);
        if (port < 0) {
            return null;
        }
        String region = src.string(s3Region, "--s3-region", "S3_REGION", S3Config.DEFAULT_REGION);
        String domains = src.string(s3Domains, "--s3-domain", "S3_DOMAIN",
                src.string(null, "--s3-domain", "MINIO_DOMAIN", "localhost"));
        String accessKey = src.string(s3AccessKey, "--s3-access-key", "S3_ACCESS_KEY",
                src.string(null, "--s3-access-key", "MINIO_ROOT_USER", S3Config.DEFAULT_ACCESS_KEY));
        String secretKey = src.string(s3SecretKey, "--s3-secret-key", "S3_SECRET_KEY",
                src.string(null, "--s3-secret-key", "MINIO_ROOT_PASSWORD", S3Config.DEFAULT_SECRET_KEY));
        if (accessKey.length() < 3 || secretKey.length() < 8) {
            throw new ConfigException("the S3 access key needs at least 3 characters and the secret key at least 8");
        }
        return new S3Config(port, region, Arrays.stream(domains.split(",")).map(String::strip)
                .filter(d -> !d.isEmpty()).toList(), accessKey, secretKey);
    }

    Path logDir(ConfigSource src) {
        return Path.of(src.string(logDir, "--log-dir", "LOG_DIR", "logs"));
    }
}
