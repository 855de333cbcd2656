package io.cairn.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes every process serves: {@code GET /health}, open to probes, and {@code GET /metrics} (Prometheus text),
 * which needs a credential unless metrics are public.
 */
public final class StandardRoutes {
    private StandardRoutes() {
    }

    public static Router add(Router router, PrometheusMeterRegistry registry, Supplier<Map<String, Object>> health) {
        router.exact(Access.OPEN, "GET", "/health", ex -> ex.sendJson(200, health.get()));
        router.exact(Access.METRICS, "GET", "/metrics", ex -> ex.send(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        return router;
    }
}
