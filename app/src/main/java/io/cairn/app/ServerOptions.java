package io.cairn.app;

import io.cairn.api.ClusterKey;
import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigException;
import io.cairn.app.config.ConfigSource;
import io.cairn.app.config.S3Config;
import io.cairn.app.config.Security;
import io.cairn.app.config.TlsSettings;
import io.cairn.controller.KeeperSettings;
import io.cairn.client.DataPathSettings;
import io.cairn.core.ChunkLimits;
import io.cairn.core.Sizes;
import io.cairn.gateway.Gateway;
import io.cairn.gateway.GatewaySettings;
import io.cairn.http.limits.ConnectionLimits;
import io.cairn.http.limits.RateLimits;
import io.cairn.node.NodeSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--max-concurrent-uploads", paramLabel = "N", description = "Uploads streaming at once per gateway, however small; more wait (MAX_CONCURRENT_UPLOADS, default 64).")
    String maxConcurrentUploads;

    @Option(names = "--max-buffer-memory", paramLabel = "SIZE", description = "Memory the buffers of a gateway's transfers may hold at once, e.g. 512MiB; a transfer that does not fit waits, then gets 503 with Retry-After (MAX_BUFFER_MEMORY, default 40% of the JVM's heap).")
    String maxBufferMemory;

    /** Where MAX_BUFFER_MEMORY came from, for the message of {@link #checkBufferMemory}; null for its default. */
    private String bufferMemoryGiven;

    @Option(names = "--api-key", paramLabel = "KEY", description = "A shared key that acts as the root user on the REST API, sent as X-API-Key (API_KEY; legacy, prefer access keys).")
    String apiKey;

    @Option(names = {"--root-access-key", "--s3-access-key"}, paramLabel = "KEY", description = "The root user's access key, for every API (ROOT_ACCESS_KEY, S3_ACCESS_KEY or MINIO_ROOT_USER; default cairnadmin, loopback only).")
    String rootAccessKey;

    @Option(names = {"--root-secret-key", "--s3-secret-key"}, paramLabel = "SECRET", description = "The root user's secret key, at least 8 characters (ROOT_SECRET_KEY, S3_SECRET_KEY or MINIO_ROOT_PASSWORD; default cairnadmin, loopback only).")
    String rootSecretKey;

    @Option(names = "--no-console", description = "Do not serve the web console (CONSOLE=false does the same; by default every gateway serves it at /).")
    boolean noConsole;

    @Option(names = "--metrics-public", paramLabel = "BOOL", description = "Serve /metrics without a credential (METRICS_PUBLIC, default false; else use the token from `cairn admin metrics-token`).")
    String metricsPublic;

    @Option(names = "--cluster-secret", paramLabel = "HEX", description = "The secret the cluster's processes sign internal calls with, 64 hex digits (CLUSTER_SECRET; prefer --join-token or the environment: flags show in ps).")
    String clusterSecret;

    @Option(names = "--join-token", paramLabel = "TOKEN", description = "Join a cluster with the token `cairn admin join-token` creates, redeemed once at --controller for the cluster secret, which is then kept in the data directory (CAIRN_JOIN_TOKEN); a cairn-join-v1- token is the secret itself.")
    String joinToken;

    @Option(names = "--internal-tls", paramLabel = "auto|on|off", description = "Mutual TLS between the cluster's processes, with certificates from the CA every holder of the cluster secret derives (INTERNAL_TLS, default auto: on unless this process binds a loopback address only). Every process of a cluster must agree.")
    String internalTls;

    @Option(names = "--tls", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true", description = "Serve the REST and S3 APIs over HTTPS with a certificate from the cluster CA (TLS, default false); clients trust the CA that `cairn admin ca-cert` prints. --tls-cert serves your own certificate instead.")
    String tls;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain the REST and S3 APIs serve over HTTPS, read again when it changes (TLS_CERT; with --tls-key).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key, PEM, unencrypted (TLS_KEY).")
    String tlsKey;

    @Option(names = "--s3-port", paramLabel = "PORT", description = "Port of the S3 API; 0 picks one, -1 turns it off (S3_PORT, default 9000; a controller serves S3 only when given one).")
    String s3Port;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "Region the S3 API answers for (S3_REGION, default us-east-1).")
    String s3Region;

    @Option(names = "--s3-domain", paramLabel = "HOST[,HOST...]", description = "Base domains for virtual-host-style buckets, bucket.HOST (S3_DOMAIN or MINIO_DOMAIN).")
    String s3Domains;

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

    @Option(names = "--rate-limit-requests", paramLabel = "N", description = "Requests per second each access key may send to a gateway; 0 for no limit (RATE_LIMIT_REQUESTS, default 0).")
    String rateLimitRequests;

    @Option(names = "--rate-limit-bytes", paramLabel = "SIZE", description = "Body bytes per second, in and out, each access key may move through a gateway, e.g. 100MiB; 0 for no limit (RATE_LIMIT_BYTES, default 0).")
    String rateLimitBytes;

    @Option(names = "--rate-limit-address-requests", paramLabel = "N", description = "Requests per second each client address may send to a gateway, anonymous ones included; 0 for no limit (RATE_LIMIT_ADDRESS_REQUESTS, default 0).")
    String rateLimitAddressRequests;

    @Option(names = "--rate-limit-address-bytes", paramLabel = "SIZE", description = "Body bytes per second, in and out, each client address may move through a gateway; 0 for no limit (RATE_LIMIT_ADDRESS_BYTES, default 0).")
    String rateLimitAddressBytes;

    @Option(names = "--min-body-rate", paramLabel = "SIZE", description = "Bytes per second a request body must average while the server waits for it, once 10 s have passed since the request came; a slower one is answered 408 and its connection closed. 0 for no minimum (MIN_BODY_RATE, default 16KiB). The cluster's own calls are exempt.")
    String minBodyRate;

    @Option(names = "--body-idle-timeout", paramLabel = "DURATION", description = "The longest a request body may pause before it is answered 408 and its connection closed, at most 120s (BODY_IDLE_TIMEOUT, default 30s).")
    String bodyIdleTimeout;

    @Option(names = "--max-connections-per-client", paramLabel = "N", description = "Connections one client address may hold open to each port; a request on a further one is answered 429 and its connection closed, unless it comes from the cluster itself. 0 for no limit (MAX_CONNECTIONS_PER_CLIENT, default 128).")
    String maxConnectionsPerClient;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where server logs go (LOG_DIR, default ./logs).")
    String logDir;

    ConfigSource source(java.util.Map<String, String> env) {
        return ConfigSource.load(config, env);
    }

    /** @param clusterKey the cluster secret, as the command resolved it ({@link #clusterKey}) */
    ClusterSettings cluster(ConfigSource src, ClusterKey clusterKey) {
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
        long buffers = bufferMemory(src);
        Duration expiry = src.duration(multipartExpiry, "--multipart-expiry", "MULTIPART_EXPIRY", Duration.ofDays(7),
                Duration.ofMinutes(1));
        double reserved = src.fraction(reserve, "--reserve", "RESERVE", NodeSettings.DEFAULT_RESERVE_FRACTION, 0,
                0.99);
        long scrub = (long) src.integer(scrubRate, "--scrub-rate", "SCRUB_RATE",
                (int) (NodeSettings.DEFAULT_SCRUB_RATE >> 20), 0, 100_000) << 20;
        return new ClusterSettings(r, (int) chunk, max, heartbeat, timeout, connection, uploads, buffers,
                security(src, clusterKey), s3(src),
                expiry, reserved, scrub, src.bytes(nodeCapacity, "--node-capacity", "NODE_CAPACITY", 0, 0,
                Long.MAX_VALUE), keeper(src), rateLimits(src), connections(src),
                !noConsole && src.bool(null, "--no-console", "CONSOLE", true));
    }

    /**
     * On every port of the process: the cluster's own calls are never refused by the connection limit (they prove
     * themselves), nor cut off by the minimum rate.
     */
    private ConnectionLimits connections(ConfigSource src) {
        long rate = src.bytes(minBodyRate, "--min-body-rate", "MIN_BODY_RATE", ConnectionLimits.DEFAULT_MIN_BODY_RATE,
                0, Long.MAX_VALUE);
        Duration idle = src.duration(bodyIdleTimeout, "--body-idle-timeout", "BODY_IDLE_TIMEOUT",
                ConnectionLimits.DEFAULT_BODY_IDLE_TIMEOUT, Duration.ofMillis(100));
        if (idle.compareTo(ConnectionLimits.CONNECTION_IDLE_TIMEOUT) > 0) {
            throw new ConfigException("BODY_IDLE_TIMEOUT must be at most the connection idle timeout ("
                    + ConnectionLimits.CONNECTION_IDLE_TIMEOUT.toSeconds() + "s), got " + idle.toSeconds() + "s");
        }
        int perClient = src.integer(maxConnectionsPerClient, "--max-connections-per-client",
                "MAX_CONNECTIONS_PER_CLIENT", ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_CLIENT, 0, 1_000_000);
        return new ConnectionLimits(rate, ConnectionLimits.DEFAULT_BODY_GRACE, idle, perClient);
    }

    /**
     * MAX_BUFFER_MEMORY: by default a share of the heap ({@link GatewaySettings#DEFAULT_BUFFER_SHARE}); never more
     * than the heap, which it exists to protect.
     */
    private long bufferMemory(ConfigSource src) {
        bufferMemoryGiven = src.string(maxBufferMemory, "--max-buffer-memory", "MAX_BUFFER_MEMORY", null);
        long heap = Runtime.getRuntime().maxMemory();
        long value = src.bytes(maxBufferMemory, "--max-buffer-memory", "MAX_BUFFER_MEMORY",
                GatewaySettings.defaultMaxBufferMemory(), 1 << 20, Long.MAX_VALUE);
        if (value > heap) {
            throw new ConfigException("MAX_BUFFER_MEMORY " + bufferMemoryGiven + " is more than the JVM's whole heap ("
                    + Sizes.human(heap) + "), so it could not prevent an OutOfMemoryError: lower it, or give the JVM "
                    + "more heap (e.g. CAIRN_JAVA_OPTS=-Xmx4g)");
        }
        return value;
    }

    /**
     * Refuses to start a gateway whose transfer memory could not hold even one transfer at the default chunk size:
     * every such upload would be refused at run time.
     */
    void checkBufferMemory(ClusterSettings settings) {
        long needed = Gateway.largestTransfer(settings.chunkSize(), DataPathSettings.DEFAULT);
        if (settings.maxBufferMemory() < needed) {
            throw new ConfigException("MAX_BUFFER_MEMORY is " + Sizes.human(settings.maxBufferMemory())
                    + (bufferMemoryGiven == null ? " (its default, " + Math.round(100 * GatewaySettings.DEFAULT_BUFFER_SHARE)
                    + "% of the JVM's " + Sizes.human(Runtime.getRuntime().maxMemory()) + " heap)" : "")
                    + ", less than one transfer with CHUNK_SIZE " + Sizes.human(settings.chunkSize()) + " needs ("
                    + Sizes.human(needed) + "): give the JVM more heap (CAIRN_JAVA_OPTS=-Xmx...), lower CHUNK_SIZE, "
                    + "or raise MAX_BUFFER_MEMORY");
        }
    }

    /** All off by default: a laptop cluster has one tenant, and an operator who shares one turns them on. */
    private RateLimits rateLimits(ConfigSource src) {
        long requests = src.integer(rateLimitRequests, "--rate-limit-requests", "RATE_LIMIT_REQUESTS", 0, 0,
                Integer.MAX_VALUE);
        long bytes = src.bytes(rateLimitBytes, "--rate-limit-bytes", "RATE_LIMIT_BYTES", 0, 0, Long.MAX_VALUE);
        long addressRequests = src.integer(rateLimitAddressRequests, "--rate-limit-address-requests",
                "RATE_LIMIT_ADDRESS_REQUESTS", 0, 0, Integer.MAX_VALUE);
        long addressBytes = src.bytes(rateLimitAddressBytes, "--rate-limit-address-bytes", "RATE_LIMIT_ADDRESS_BYTES",
                0, 0, Long.MAX_VALUE);
        try {
            return new RateLimits(requests, bytes, addressRequests, addressBytes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("rate limits (RATE_LIMIT_*): " + e.getMessage());
        }
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

    /** Whether the S3 port was chosen (flag, variable or config file) rather than left to its default. */
    boolean s3PortGiven(ConfigSource src) {
        return src.string(s3Port, "--s3-port", "S3_PORT", null) != null;
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
        return new S3Config(port, region, Arrays.stream(domains.split(",")).map(String::strip)
                .filter(d -> !d.isEmpty()).toList());
    }

    /** MinIO's and the S3 API's older variable names are accepted as aliases, so a deployment carries over. */
    private Security security(ConfigSource src, ClusterKey clusterKey) {
        String accessKey = firstOf(src, rootAccessKey, "--root-access-key", Security.DEFAULT_ROOT_ACCESS_KEY,
                "ROOT_ACCESS_KEY", "S3_ACCESS_KEY", "MINIO_ROOT_USER");
        String secretKey = firstOf(src, rootSecretKey, "--root-secret-key", Security.DEFAULT_ROOT_SECRET_KEY,
                "ROOT_SECRET_KEY", "S3_SECRET_KEY", "MINIO_ROOT_PASSWORD");
        if (accessKey.length() < 3 || secretKey.length() < 8) {
            throw new ConfigException("the root access key needs at least 3 characters and its secret key at least 8");
        }
        String key = src.string(apiKey, "--api-key", "API_KEY", null);
        if (key != null && key.length() < 8) {
            throw new ConfigException("API_KEY needs at least 8 characters");
        }
        return new Security(accessKey, secretKey, key,
                src.bool(metricsPublic, "--metrics-public", "METRICS_PUBLIC", false), clusterKey, tls(src));
    }

    private TlsSettings tls(ConfigSource src) {
        String internal = src.string(internalTls, "--internal-tls", "INTERNAL_TLS", "auto");
        TlsSettings.Internal mode;
        try {
            mode = TlsSettings.Internal.valueOf(internal.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--internal-tls must be auto, on or off, got '" + internal + "'");
        }
        String cert = src.string(tlsCert, "--tls-cert", "TLS_CERT", null);
        String key = src.string(tlsKey, "--tls-key", "TLS_KEY", null);
        if ((cert == null) != (key == null)) {
            throw new ConfigException("--tls-cert and --tls-key (TLS_CERT, TLS_KEY) go together");
        }
        TlsSettings.Clients clients = cert != null ? new TlsSettings.Clients.Files(Path.of(cert), Path.of(key))
                : src.bool(tls, "--tls", "TLS", false) ? new TlsSettings.Clients.ClusterIssued()
                : new TlsSettings.Clients.Off();
        return new TlsSettings(mode, clients);
    }

    private static String firstOf(ConfigSource src, String flagValue, String flag, String defaultValue,
                                  String... names) {
        String value = src.string(flagValue, flag, names[0], null);
        for (int i = 1; value == null && i < names.length; i++) {
            value = src.string(null, flag, names[i], null);
        }
        return value == null ? defaultValue : value;
    }

    /**
     * The cluster secret ({@link ClusterMembership}): {@code dir/cluster.secret}, a v2 {@code --join-token} redeemed at
     * a controller, a v1 token or {@code --cluster-secret} (or their variables), or a new one for a process that may
     * found a cluster, kept in {@code dir/cluster.secret} from its first start.
     *
     * @param dir            where this process keeps the secret; null for a process without a data directory (a
     *                       gateway)
     * @param controllerUrls where a v2 join token is redeemed; empty for a process given none
     * @param create         whether this process may found a cluster (a controller, a whole server)
     */
    ClusterKey clusterKey(ConfigSource src, Path dir, List<String> controllerUrls, boolean create) {
        return ClusterMembership.resolve(dir, src.string(joinToken, "--join-token", "CAIRN_JOIN_TOKEN", null),
                src.string(clusterSecret, "--cluster-secret", "CLUSTER_SECRET", null), controllerUrls, create);
    }

    /**
     * Refuses to serve users on a reachable address with credentials everyone knows: MinIO's default
     * credentials are the first thing a scanner tries.
     */
    static void checkExposure(ClusterSettings settings, String bindHost) {
        if (settings.security().hasDefaultRoot() && !isLoopback(bindHost)) {
            throw new ConfigException("refusing to serve " + bindHost + " with the default root credentials "
                    + Security.DEFAULT_ROOT_ACCESS_KEY + "/" + Security.DEFAULT_ROOT_SECRET_KEY
                    + ": set ROOT_ACCESS_KEY and ROOT_SECRET_KEY (or bind 127.0.0.1)");
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    Path logDir(ConfigSource src) {
        return Path.of(src.string(logDir, "--log-dir", "LOG_DIR", "logs"));
    }
}
