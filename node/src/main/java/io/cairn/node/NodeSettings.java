package io.cairn.node;

import io.cairn.api.ClusterKey;
import io.cairn.http.limits.ConnectionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What one storage node needs to start, already resolved from flags, environment and files by the caller.
 *
 * @param dataDir           the node's directory: chunks, temp files, {@code node.json}
 * @param host              address to bind; {@code 0.0.0.0} (also when null) for every interface
 * @param port              chunk API port; 0 picks a free one ({@link StorageNode#port()} tells which)
 * @param advertiseUrl      URL the controller hands to gateways and other nodes; null for {@code http(s)://host:port}
 *                          (with 127.0.0.1 for a wildcard host, which only suits a single machine)
 * @param nodeId            id to take on first start; null to generate one. Once stored it cannot change.
 * @param zone              failure domain label (rack, room), or null
 * @param clusterKey        the cluster secret: every route but {@code /health} (and public metrics) needs a request
 *                          signed with it, unless the port has TLS
 * @param tls               internal TLS: the port's certificate and trust, the cluster CA's; the port then asks
 *                          for a client certificate and admits to every route but {@code /health} (and the metrics)
 *                          only callers showing one of the cluster, and the node advertises an {@code https://} URL.
 *                          Null for plain HTTP.
 * @param metricsPublic     whether {@code /metrics} answers without a credential
 * @param heartbeatInterval time between heartbeats to the controller
 * @param reserveFraction   share of the disk's size chunk writes leave free, from 0 to 1 (1 refuses every write)
 * @param scrubRate         bytes per second the scrubber re-hashes at most; 0 turns it off
 * @param scrubInterval     pause between the end of one scrub pass and the start of the next
 * @param capacityLimit     most bytes of chunks the node keeps (its capacity as placement and balancing see it);
 *                          0 for its whole disk
 * @param connections       how slowly a request body may come and how many connections one address may open
 *                          (the cluster's own calls are never refused by the latter)
 */
public record NodeSettings(Path dataDir, String host, int port, String advertiseUrl, String nodeId, String zone,
                           ClusterKey clusterKey, SSLContext tls, boolean metricsPublic, Duration heartbeatInterval, double reserveFraction, long scrubRate,
                           Duration scrubInterval, long capacityLimit, ConnectionLimits connections) {
    public static final double DEFAULT_RESERVE_FRACTION = 0.05;
    public static final long DEFAULT_SCRUB_RATE = 8L << 20;
    /**
     * Short against the time a pass takes on a full disk at the default rate (days), long enough that a small store is
     * not re-read over and over.
     */
    public static final Duration DEFAULT_SCRUB_INTERVAL = Duration.ofHours(1);

    /** With the default connection limits ({@link ConnectionLimits#DEFAULTS}). */
    public NodeSettings(Path dataDir, String host, int port, String advertiseUrl, String nodeId, String zone,
                        ClusterKey clusterKey, SSLContext tls, boolean metricsPublic, Duration heartbeatInterval,
                        double reserveFraction, long scrubRate, Duration scrubInterval, long capacityLimit) {
        this(dataDir, host, port, advertiseUrl, nodeId, zone, clusterKey, tls, metricsPublic, heartbeatInterval,
                reserveFraction, scrubRate, scrubInterval, capacityLimit, ConnectionLimits.DEFAULTS);
    }

    public NodeSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(clusterKey, "clusterKey");
        host = host == null || host.isBlank() ? "0.0.0.0" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        advertiseUrl = blankToNull(advertiseUrl);
        if (advertiseUrl != null && !advertiseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("the advertised URL must start with http:// or https://, got "
                    + advertiseUrl);
        }
        if (advertiseUrl != null && tls != null && !advertiseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("a node with internal TLS is reached over https://, not at "
                    + advertiseUrl);
        }
        if (advertiseUrl != null && advertiseUrl.endsWith("/")) {
            advertiseUrl = advertiseUrl.substring(0, advertiseUrl.length() - 1);
        }
        nodeId = blankToNull(nodeId);
        zone = blankToNull(zone);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, got " + heartbeatInterval);
        }
        if (!(reserveFraction >= 0 && reserveFraction <= 1)) {
            throw new IllegalArgumentException("the reserve must be a fraction from 0 to 1, got " + reserveFraction);
        }
        if (scrubRate < 0) {
            throw new IllegalArgumentException("the scrub rate must not be negative, got " + scrubRate);
        }
        Objects.requireNonNull(scrubInterval, "scrubInterval");
        if (scrubInterval.isNegative() || scrubInterval.isZero()) {
            // Zero would spin on an empty store: each pass ends at once.
            throw new IllegalArgumentException("the scrub interval must be positive, got " + scrubInterval);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
