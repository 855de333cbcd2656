package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.client.ColocatedNodes;
import io.cairn.client.DataPathSettings;
import io.cairn.client.HttpIdentityClient;
import io.cairn.client.HttpMetadataClient;
import io.cairn.client.HttpTransport;
import io.cairn.console.Console;
import io.cairn.gateway.Gateway;
import io.cairn.gateway.KeyRing;
import io.cairn.http.HttpServerHost;
import io.cairn.http.Router;
import io.cairn.http.StandardRoutes;
import io.cairn.http.limits.RateLimiter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;

/** A gateway alone: the REST and S3 APIs in front of a controller reached over HTTP. Holds no durable state. */
public final class GatewayProcess implements AutoCloseable {
    private final HttpTransport transport;
    private final Gateway gateway;
    private final HttpServerHost server;
    private final HttpServerHost s3;

    private GatewayProcess(HttpTransport transport, Gateway gateway, HttpServerHost server, HttpServerHost s3) {
        this.transport = transport;
        this.gateway = gateway;
        this.server = server;
        this.s3 = s3;
    }

    /** A gateway whose TLS follows the settings, as {@code cairn gateway} starts one (tests start one beside a cluster). */
    public static GatewayProcess start(List<String> controllerUrls, String host, int port, ClusterSettings settings)
            throws Exception {
        return start(controllerUrls, host, port, settings,
                ProcessTls.of(settings, host, "cairn gateway " + host + ":" + port, List.of()));
    }

    static GatewayProcess start(List<String> controllerUrls, String host, int port, ClusterSettings settings,
                                ProcessTls tls) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpTransport transport = ControllerProcess.transport(settings, tls);
        HttpIdentityClient identities = new HttpIdentityClient(transport, controllerUrls);
        KeyRing keys = ControllerProcess.keyRing(settings, identities);
        RateLimiter limiter = ControllerProcess.rateLimiter(settings, registry);
        HttpMetadataClient meta = new HttpMetadataClient(transport, controllerUrls);
        Gateway gateway = new Gateway(meta, identities, transport, ColocatedNodes.NONE,
                ControllerProcess.gatewaySettings(settings), DataPathSettings.DEFAULT, keys,
                settings.security().clusterKey(), limiter, registry);
        HttpServerHost server = null;
        try {
            Router router = new Router();
            gateway.install(router);
            Console console = ControllerProcess.console(settings, keys, router);
            StandardRoutes.add(router, registry, () -> Map.of("status", "ok", "role", "gateway",
                    "controllers", String.join(",", controllerUrls)), () -> ClusterReadiness.of(meta));
            server = new HttpServerHost(host, port, ControllerProcess.apiHandler(router, settings, keys, registry,
                    limiter, tls.memberProof(), console, gateway.recentErrors()), tls.apiPort(), settings.connections())
                    .start("the REST API (--port, GATEWAY_PORT)");
            return new GatewayProcess(transport, gateway, server, S3Server.start(gateway, settings, host, registry,
                    tls.s3Port()));
        } catch (Exception | Error e) {
            ControllerProcess.closeQuietly(server, gateway, transport);
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The S3 API's port, or -1 when this process serves none. */
    public int s3Port() {
        return s3 == null ? -1 : s3.port();
    }

    @Override
    public void close() {
        ControllerProcess.closeQuietly(s3, server, gateway, transport);
    }
}
