package io.cairn.it;

import io.cairn.api.ClusterKey;
import io.cairn.app.LocalCluster;
import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.S3Config;
import io.cairn.app.config.Security;
import io.cairn.app.config.TlsSettings;
import io.cairn.controller.KeeperSettings;
import io.cairn.gateway.GatewaySettings;
import io.cairn.http.limits.ConnectionLimits;
import io.cairn.http.limits.RateLimits;
import io.cairn.raft.ReadConsistency;
import io.cairn.tls.TrustStores;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** In-JVM clusters on ephemeral ports with fast heartbeats: failure detection takes two seconds, slack enough for a loaded CI machine. */
final class TestClusters {
    static final int CHUNK = 1 << 20;
    /** The S3 endpoint of test clusters: an ephemeral port. */
    static final S3Config S3 = new S3Config(0, "us-east-1", List.of("localhost"));
    /** The root user of test clusters, which the tests sign in as unless they test other users. */
    static final String ROOT_KEY = "AKIDCAIRNTEST";
    static final String ROOT_SECRET = "cairn-test-secret-key";

    /**
     * Passes every half second and repairs two seconds after a node is lost: what a test waits for happens within a
     * few seconds. The grace period stays a minute, longer than any upload of the tests: a chunk an upload wrote is
     * an orphan to the reconciler until the commit, and one older than the grace period would be deleted.
     */
    static final KeeperSettings KEEPER = new KeeperSettings(Duration.ofSeconds(2), Duration.ofMinutes(1), 0, 4,
            Duration.ofMillis(500), 0.10, true, Duration.ofSeconds(1));

    /** As {@link #KEEPER}, with garbage deleted three seconds after nothing references it, for tests of collection. */
    static final KeeperSettings FAST_GC = new KeeperSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 0, 4,
            Duration.ofMillis(500), 0.10, true, Duration.ofSeconds(1));

    /**
     * Scrub passes as fast as the disk goes: a node's first pass (at its start) finds an empty or small store, and the
     * tests that want rot found run a pass themselves ({@code StorageNode.scrubNow}) rather than wait an hour.
     */
    static final long SCRUB_RATE = 1L << 30;

    private TestClusters() {
    }

    /** No free space reserve: a test machine's disk may be fuller than a production node's would be. */
    static ClusterSettings settings() {
        return new ClusterSettings(2, CHUNK, 5L << 40, Duration.ofMillis(250), Duration.ofMillis(2000),
                Duration.ofSeconds(5), 64, GatewaySettings.defaultMaxBufferMemory(), new Security(ROOT_KEY, ROOT_SECRET,
                null, false, ClusterKey.generate(), TlsSettings.DEFAULT), S3, Duration.ofDays(7), 0, SCRUB_RATE, 0, KEEPER, RateLimits.OFF,
                ConnectionLimits.DEFAULTS, true);
    }

    static LocalCluster start(Path dir) throws Exception {
        return start(dir, settings());
    }

    static LocalCluster start(Path dir, ClusterSettings settings) throws Exception {
        return LocalCluster.start(dir, "127.0.0.1", 0, 3, 0, settings);
    }

    /** Like {@link #start(Path)}, but the gateway reaches every copy over HTTP, as it does nodes elsewhere. */
    static LocalCluster startOverHttp(Path dir) throws Exception {
        return LocalCluster.start(dir, "127.0.0.1", 0, 1, 3, 0, settings(), ReadConsistency.LINEARIZABLE, false);
    }

    /** Three controllers in one Raft group, each with its gateway, and three nodes reporting to all of them. */
    static LocalCluster startGroup(Path dir) throws Exception {
        return startGroup(dir, settings());
    }

    static LocalCluster startGroup(Path dir, ClusterSettings settings) throws Exception {
        return LocalCluster.start(dir, "127.0.0.1", 0, 3, 3, 0, settings, ReadConsistency.LINEARIZABLE);
    }

    /**
     * Internal TLS on although the test clusters bind loopback (where it is off by default), and the REST and S3 APIs
     * over https with a certificate from the cluster CA.
     */
    static ClusterSettings withTls(ClusterSettings s) {
        return s.withSecurity(s.security().withTls(new TlsSettings(TlsSettings.Internal.ON,
                new TlsSettings.Clients.ClusterIssued())));
    }

    /** A client's TLS that trusts {@code ca} alone, with the JDK's usual checks (host names included), as curl would. */
    static SSLContext trusting(X509Certificate ca) {
        return trusting(ca, null);
    }

    /** The same, presenting the certificate {@code keys} choose. */
    static SSLContext trusting(X509Certificate ca, KeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys}, trustManagers(ca), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's trust manager over a trust store holding {@code ca} alone. */
    static TrustManager[] trustManagers(X509Certificate ca) {
        return new TrustManager[] {TrustStores.trusting(List.of(ca))};
    }

    static ClusterSettings withApiKey(ClusterSettings s, String key) {
        Security security = s.security();
        return s.withSecurity(new Security(security.rootAccessKey(), security.rootSecretKey(), key,
                security.metricsPublic(), security.clusterKey(), security.tls()));
    }

    static ClusterSettings withChunkSize(ClusterSettings s, int chunkSize) {
        return new ClusterSettings(s.replicationFactor(), chunkSize, s.maxFileSize(), s.healthCheckInterval(),
                s.nodeTimeout(), s.connectionTimeout(), s.maxConcurrentUploads(), s.maxBufferMemory(), s.security(), s.s3(), s.multipartExpiry(),
                s.reserveFraction(), s.scrubRate(), s.nodeCapacity(), s.keeper(), s.rateLimits(),
                s.connections(), s.console());
    }

    static ClusterSettings withMaxFileSize(ClusterSettings s, long max) {
        return new ClusterSettings(s.replicationFactor(), s.chunkSize(), max, s.healthCheckInterval(),
                s.nodeTimeout(), s.connectionTimeout(), s.maxConcurrentUploads(), s.maxBufferMemory(), s.security(), s.s3(), s.multipartExpiry(),
                s.reserveFraction(), s.scrubRate(), s.nodeCapacity(), s.keeper(), s.rateLimits(),
                s.connections(), s.console());
    }

    /** A gateway's transfer memory, and the connection timeout whose triple is how long a transfer waits for it. */
    static ClusterSettings withTransferMemory(ClusterSettings s, long bytes, Duration connectionTimeout) {
        return new ClusterSettings(s.replicationFactor(), s.chunkSize(), s.maxFileSize(), s.healthCheckInterval(),
                s.nodeTimeout(), connectionTimeout, s.maxConcurrentUploads(), bytes, s.security(), s.s3(),
                s.multipartExpiry(), s.reserveFraction(), s.scrubRate(), s.nodeCapacity(), s.keeper(), s.rateLimits(),
                s.connections(), s.console());
    }

    static ClusterSettings withRateLimits(ClusterSettings s, RateLimits limits) {
        return new ClusterSettings(s.replicationFactor(), s.chunkSize(), s.maxFileSize(), s.healthCheckInterval(),
                s.nodeTimeout(), s.connectionTimeout(), s.maxConcurrentUploads(), s.maxBufferMemory(), s.security(), s.s3(), s.multipartExpiry(),
                s.reserveFraction(), s.scrubRate(), s.nodeCapacity(), s.keeper(), limits, s.connections(), s.console());
    }
}
