package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.client.DataPathSettings;
import io.cairn.client.HttpMetadataClient;
import io.cairn.client.HttpTransport;
import io.cairn.gateway.Gateway;
import io.cairn.http.ApiHandler;
import io.cairn.http.HttpServerHost;
import io.cairn.http.Router;
import io.cairn.http.StandardRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;

/** A gateway alone: the REST API in front of a controller reached over HTTP. Holds no durable state. */
public final class GatewayProcess implements AutoCloseable {
    private final HttpTransport transport;
    private final Gateway gateway;
    private final HttpServerHost server;

    private GatewayProcess(HttpTransport transport, Gateway gateway, HttpServerHost server) {
        this.transport = transport;
        this.gateway = gateway;
        this.server = server;
    }

    public static GatewayProcess start(List<String> controllerUrls, String host, int port, ClusterSettings settings)
            throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpTransport transport = ControllerProcess.transport(settings);
        Gateway gateway = new Gateway(new HttpMetadataClient(transport, controllerUrls), transport,
                ControllerProcess.gatewaySettings(settings), DataPathSettings.DEFAULT);
        try {
            Router router = new Router();
            gateway.install(router);
            StandardRoutes.add(router, registry, () -> Map.of("status", "ok", "role", "gateway",
                    "controllers", String.join(",", controllerUrls)));
            HttpServerHost server = new HttpServerHost(host, port, new ApiHandler(router, settings.apiKey(), registry))
                    .start();
            return new GatewayProcess(transport, gateway, server);
        } catch (Exception | Error e) {
            ControllerProcess.closeQuietly(gateway, transport);
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        ControllerProcess.closeQuietly(server, gateway, transport);
    }
}
