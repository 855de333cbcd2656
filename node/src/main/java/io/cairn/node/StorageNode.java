package io.cairn.node;

import io.cairn.api.NodeRegistry;
import io.cairn.chunk.RoutedChunkStore;
import io.cairn.client.ChunkClient;
import io.cairn.client.ColocatedNodes;
import io.cairn.core.NodeId;
import io.cairn.http.ApiHandler;
import io.cairn.http.RequestAuthenticator;
import io.cairn.http.RequestAuthenticator.MemberProof;
import io.cairn.http.ServerTls;
import io.cairn.http.UserCredentials;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.cairn.http.HttpServerHost;
import io.cairn.http.Router;
import io.cairn.http.Readiness;
import io.cairn.http.StandardRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running storage node: its chunk store, its HTTP server (chunk API, {@code /info}, {@code /health},
 * {@code /metrics}), one heartbeat worker per controller and its scrubber. The composition root of the node role:
 * everything it uses is passed in or created here, nothing is static, so several nodes can run in one JVM on separate
 * data directories and ports.
 *
 * <p>Owns the store, the server, the meters it registers, the workers and the scrubber, and releases them in
 * {@link #close()} (heartbeats first, so the controllers stop counting on the node before its port closes). It does
 * not own the {@link NodeRegistry}s, the {@link ChunkClient} (its calls to other nodes) or the meter registry.
 * Thread-safe.
 */
public final class StorageNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);

    private final NodeSettings settings;
    private final List<NodeRegistry> registries;
    private final SharedIdentity identity;
    private final RoutedChunkStore store;
    private final NodeMetrics metrics;
    private final LocalChunkAccess local;
    private final HttpServerHost server;
    private final List<Router.RouteInfo> routes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String url;
    private volatile List<HeartbeatWorker> heartbeats = List.of();
    private volatile Scrubber scrubber;

    private StorageNode(NodeSettings settings, List<NodeRegistry> registries, ChunkClient chunks,
                        PrometheusMeterRegistry meters, NodeIdentity loaded, RoutedChunkStore store) {
        this.settings = settings;
        this.registries = registries;
        this.identity = new SharedIdentity(settings.dataDir(), loaded);
        this.store = store;
        this.metrics = new NodeMetrics(meters, store, loaded.nodeId());
        this.local = new LocalChunkAccess(store, metrics);
        Router router = new Router();
        new ChunkRoutes(loaded.nodeId(), store, local, metrics, new ChunkReplicator(store, chunks), this::info)
                .install(router);
        StandardRoutes.add(router, meters, () -> Map.of("status", "ok", "role", "node",
                "node_id", loaded.nodeId().value()), () -> registered() ? Readiness.READY
                : Readiness.waitingFor("no controller has registered this node yet"));
        this.routes = router.routes();
        // Built here, bound in startServing(): nothing reaches the routes before the node is fully constructed.
        boolean tls = settings.tls() != null;
        this.server = new HttpServerHost(settings.host(), settings.port(), new ApiHandler(router,
                new RequestAuthenticator(settings.clusterKey(), UserCredentials.NONE, null, Clock.systemUTC(),
                        tls ? MemberProof.CERTIFICATE : MemberProof.SIGNATURE),
                // Its only callers are the cluster and the metrics token, which no limit applies to.
                settings.metricsPublic(), meters, new RateLimiter(RateLimits.OFF, meters, System::nanoTime)),
                // WANT, not NEED: a probe (a Kubernetes liveness check) reaches /health over TLS without a
                // certificate; every other route still needs a cluster certificate (MemberProof.CERTIFICATE: without
                // one the caller is no member, and the signature header alone is refused), or the metrics token.
                tls ? new ServerTls(settings.tls(), ServerTls.ClientAuth.WANT) : null, settings.connections());
    }

    /**
     * Starts a node: loads (or creates) its identity, opens its chunk store, binds its port and starts heartbeats to
     * every controller, and the scrubber unless its rate is 0. Returns once the node serves requests; registration
     * with the controllers proceeds in the background, with each controller on its own.
     *
     * @param registries one per controller of the cluster; at least one
     * @param chunks     for copying chunks to other nodes, signed with the cluster secret
     * @throws IllegalStateException when the data directory belongs to another node id or is in use
     */
    public static StorageNode start(NodeSettings settings, List<? extends NodeRegistry> registries,
                                    ChunkClient chunks, PrometheusMeterRegistry meters) throws Exception {
        if (registries.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one controller");
        }
        List<NodeRegistry> controllers = List.copyOf(registries);
        Files.createDirectories(settings.dataDir());
        // Identity before the store: a refused directory is left exactly as it was found.
        NodeIdentity identity = NodeIdentity.loadOrCreate(settings.dataDir(), settings.nodeId());
        RoutedChunkStore store = RoutedChunkStore.open(settings.dataDir(), settings.reserveFraction(),
                settings.capacityLimit(), RoutedChunkStore.DEFAULT_SMALL_CHUNK_MAX);
        StorageNode node;
        try {
            node = new StorageNode(settings, controllers, chunks, meters, identity, store);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
        try {
            node.startServing();
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startServing() throws Exception {
        server.start("the node's chunk API (--port, NODE_PORT / NODE_BASE_PORT)");
        url = settings.advertiseUrl() != null ? settings.advertiseUrl()
                : defaultUrl(settings.tls() != null, settings.host(), server.port());
        heartbeats = registries.stream().map(registry -> new HeartbeatWorker(registry, identity, url, settings.zone(),
                settings.heartbeatInterval(), store, metrics::inflight).start()).toList();
        if (settings.scrubRate() > 0) {
            scrubber = new Scrubber(store, nodeId(), registries, metrics,
                    new Throttle(settings.scrubRate(), System::nanoTime), settings.scrubInterval()).start();
        }
        LOG.info("storage node {} serving {} at {} ({} chunks, {} bytes)", nodeId(), store.root(), url,
                store.chunkCount(), store.usedBytes());
    }

    /**
     * Runs one whole scrub pass now, on the calling thread (for tools and tests); a no-op when scrubbing is off.
     */
    public void scrubNow() throws InterruptedException {
        Scrubber running = scrubber;
        if (running != null) {
            running.runPass();
        }
    }

    /** Where a node bound to {@code host} can be reached from this machine. */
    static String defaultUrl(boolean tls, String host, int port) {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return (tls ? "https://" : "http://") + h + ":" + port;
    }

    /** The port the chunk API listens on (the real one when the settings asked for 0). */
    public int port() {
        return server.port();
    }

    /** Every route of the chunk API and who may call it, for tests that prove each refuses a stranger. */
    public List<Router.RouteInfo> routes() {
        return routes;
    }

    /** The URL this node advertises to the controller. */
    public String url() {
        return url;
    }

    public NodeId nodeId() {
        return identity.get().nodeId();
    }

    /** The node's identity, with its cluster id once it has joined one. */
    public NodeIdentity identity() {
        return identity.get();
    }

    /**
     * Whether at least one controller knows this node, as far as the last exchange with it told: any controller can
     * lead, and the ones that do not know the node yet are being registered with in the background.
     */
    public boolean registered() {
        return heartbeats.stream().anyMatch(HeartbeatWorker::registered);
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** The node's chunk store; for tools and tests (everything else goes through the HTTP API). */
    public RoutedChunkStore store() {
        return store;
    }

    /** This node's copies for a gateway in the same process ({@link io.cairn.client.ColocatedNodes}). */
    public ColocatedNodes.LocalChunks localChunks() {
        return local;
    }

    /** What {@code GET /info} answers. */
    public NodeInfo info() {
        NodeIdentity current = identity();
        try {
            return new NodeInfo(current.nodeId().value(), current.clusterId(), url, store.chunkCount(),
                    store.usedBytes(), store.capacityBytes(), store.freeBytes());
        } catch (UncheckedIOException e) {
            return new NodeInfo(current.nodeId().value(), current.clusterId(), url, store.chunkCount(),
                    store.usedBytes(), -1, -1);
        }
    }

    /**
     * Stops heartbeats and the scrubber, then the server, then releases the store. Idempotent; failures are logged,
     * not thrown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heartbeats.forEach(HeartbeatWorker::close);
        Scrubber running = scrubber;
        if (running != null) {
            running.close();
        }
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server of node {} failed: {}", nodeId(), e.toString());
        }
        metrics.close();
        try {
            store.close();
        } catch (IOException e) {
            LOG.warn("closing the chunk store of node {} failed: {}", nodeId(), e.toString());
        }
    }
}
