package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.Security;
import io.cairn.api.IdentityService;
import io.cairn.auth.SecretSealer;
import io.cairn.client.DataPathSettings;
import io.cairn.client.HttpTransport;
import io.cairn.controller.Controller;
import io.cairn.controller.ControllerSettings;
import io.cairn.controller.chunks.HttpNodeChunks;
import io.cairn.client.ChunkClient;
import io.cairn.client.ColocatedNodes;
import io.cairn.gateway.Gateway;
import io.cairn.gateway.GatewaySettings;
import io.cairn.gateway.Authorizer;
import io.cairn.gateway.KeyRing;
import io.cairn.gateway.RootUser;
import io.cairn.console.Console;
import io.cairn.http.ApiHandler;
import io.cairn.http.Authenticator;
import io.cairn.http.HttpServerHost;
import io.cairn.http.Permissions;
import io.cairn.http.RecentErrors;
import io.cairn.http.RequestAuthenticator;
import io.cairn.s3.auth.SigV4Authenticator;
import io.cairn.http.Router;
import io.cairn.http.StandardRoutes;
import io.cairn.http.limits.RateLimiter;
import io.cairn.raft.RaftSettings;
import io.cairn.raft.ReadConsistency;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A controller, and unless told otherwise a gateway beside it, behind one HTTP server: the internal API, the REST
 * API, {@code /health} and {@code /metrics} share the port. The gateway calls the controller in-process.
 */
public final class ControllerProcess implements AutoCloseable {
    private final Controller controller;
    private final Gateway gateway;
    private final HttpTransport transport;
    private final HttpServerHost server;
    private final HttpServerHost s3;
    private final List<Router.RouteInfo> routes;
    private final JvmGcMetrics gcMetrics;

    private ControllerProcess(Controller controller, Gateway gateway, HttpTransport transport, HttpServerHost server,
                              HttpServerHost s3, List<Router.RouteInfo> routes, JvmGcMetrics gcMetrics) {
        this.routes = routes;
        this.gcMetrics = gcMetrics;
        this.controller = controller;
        this.gateway = gateway;
        this.transport = transport;
        this.server = server;
        this.s3 = s3;
    }

    /**
     * Opens the controller (which waits for its group to have a leader) and starts serving.
     *
     * @param dataDir   the controller's directory: metadata in {@code db/}, Raft log and snapshots in {@code raft/}
     * @param tls       the TLS of the process this controller runs in
     * @param colocated the storage nodes in this process, which its gateway reads from their stores
     */
    static ControllerProcess start(Path dataDir, String host, int port, boolean withGateway, ColocatedNodes colocated,
                                   ClusterSettings settings, RaftSettings raft, ReadConsistency reads, ProcessTls tls)
            throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics(); // jvm_gc_pause_seconds, which `cairn bench s3 --metrics-url` reads
        gcMetrics.bindTo(registry);
        HttpTransport transport = transport(settings, tls);
        Controller controller;
        try {
            controller = Controller.open(new ControllerSettings(dataDir, settings.replicationFactor(),
                    settings.nodeTimeout(), raft.withTls(tls.raft()), reads,
                    settings.multipartExpiry(), settings.keeper()), registry,
                    Clock.systemUTC(), new HttpNodeChunks(new ChunkClient(transport)),
                    settings.security().clusterKey().secret());
        } catch (Exception | Error e) {
            closeQuietly(transport, gcMetrics);
            throw e;
        }
        Gateway gateway = null;
        HttpServerHost server = null;
        HttpServerHost s3 = null;
        try {
            Router router = new Router();
            KeyRing keys = keyRing(settings, controller.identities());
            RateLimiter limiter = rateLimiter(settings, registry);
            Permissions permissions;
            Console console = null;
            if (withGateway) {
                gateway = new Gateway(controller.service(), controller.identities(), transport, colocated,
                        gatewaySettings(settings), DataPathSettings.DEFAULT, keys, settings.security().clusterKey(),
                        limiter, registry);
                gateway.install(router);
                console = console(settings, keys, router);
                permissions = gateway.permissions();
            } else {
                permissions = new Authorizer(keys, controller.identities(), controller.service(), Clock.systemUTC(), System::nanoTime);
            }
            controller.install(router, permissions);
            String role = withGateway ? "controller+gateway" : "controller";
            StandardRoutes.add(router, registry, () -> Map.of("status", "ok", "role", role,
                    "cluster_id", controller.service().clusterId(), "controller", raft.selfId()),
                    () -> ClusterReadiness.of(controller.service()));
            server = new HttpServerHost(host, port, apiHandler(router, settings, keys, registry, limiter,
                    tls.memberProof(), console, gateway == null ? new RecentErrors() : gateway.recentErrors()),
                    tls.apiPort(), settings.connections())
                    .start("the REST API (--port, CONTROLLER_PORT)");
            if (gateway != null) {
                s3 = S3Server.start(gateway, settings, host, registry, tls.s3Port());
            }
            return new ControllerProcess(controller, gateway, transport, server, s3, router.routes(), gcMetrics);
        } catch (Exception | Error e) {
            closeQuietly(s3, server, gateway, transport, controller, gcMetrics);
            throw e;
        }
    }

    static HttpTransport transport(ClusterSettings settings, ProcessTls tls) {
        java.time.Duration connect = settings.connectionTimeout().compareTo(java.time.Duration.ofSeconds(5)) < 0
                ? settings.connectionTimeout() : java.time.Duration.ofSeconds(5);
        return new HttpTransport(settings.security().clusterKey(), tls.calls(), connect,
                settings.connectionTimeout());
    }

    /** The keys users sign with: the root user's from the settings, the others' from the controllers. */
    static KeyRing keyRing(ClusterSettings settings, IdentityService identities) {
        Security security = settings.security();
        return new KeyRing(new RootUser(security.rootAccessKey(), security.rootSecretKey()), identities,
                new SecretSealer(security.clusterKey().secret()), System::nanoTime);
    }

    /** A gateway's web console with its routes on {@code router}, unless the settings turn it off (null then). */
    static Console console(ClusterSettings settings, KeyRing keys, Router router) {
        if (!settings.console()) {
            return null;
        }
        Console console = new Console(settings.security().clusterKey().secret(), keys, settings.security().apiKey(),
                Clock.systemUTC(), System::nanoTime);
        console.install(router);
        return console;
    }

    /**
     * The JSON API of a controller or gateway: users by their keys (or the web console's session, where {@code
     * console} is not null), other processes by their certificate (internal TLS) or the cluster secret.
     */
    static ApiHandler apiHandler(Router router, ClusterSettings settings, KeyRing keys, MeterRegistry registry,
                                 RateLimiter limiter, RequestAuthenticator.MemberProof memberProof, Console console,
                                 RecentErrors errors) {
        Security security = settings.security();
        Authenticator credentials = new RequestAuthenticator(security.clusterKey(), keys, security.apiKey(),
                Clock.systemUTC(), memberProof, new SigV4Authenticator(keys, Clock.systemUTC()));
        return new ApiHandler(router, console == null ? credentials : console.authenticator(credentials),
                security.metricsPublic(), registry, limiter, errors);
    }

    /** One per process, shared by its JSON and S3 APIs: a key's budget is the same whichever it calls. */
    static RateLimiter rateLimiter(ClusterSettings settings, MeterRegistry registry) {
        return new RateLimiter(settings.rateLimits(), registry, System::nanoTime);
    }

    static GatewaySettings gatewaySettings(ClusterSettings settings) {
        return new GatewaySettings(settings.chunkSize(), settings.maxFileSize(), settings.maxConcurrentUploads(),
                settings.maxBufferMemory(), settings.connectionTimeout().multipliedBy(3));
    }

    public Controller controller() {
        return controller;
    }

    public int port() {
        return server.port();
    }

    /** Every route of its HTTP port and who may call it, for tests that prove each refuses a stranger. */
    public List<Router.RouteInfo> routes() {
        return routes;
    }

    /** The S3 API's port, or -1 when this process serves none. */
    public int s3Port() {
        return s3 == null ? -1 : s3.port();
    }

    @Override
    public void close() {
        closeQuietly(s3, server, gateway, transport, controller, gcMetrics);
    }

    static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ControllerProcess.class).warn("close failed: {}", e.toString());
                }
            }
        }
    }
}
