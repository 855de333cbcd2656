package io.cairn.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/** The routes every process serves: {@code GET /health} (no API key) and {@code GET /metrics} (Prometheus text). */
public final class StandardRoutes {
    private StandardRoutes() {
    }

    public static Router add(Router router, PrometheusMeterRegistry registry, Supplier<Map<String, Object>> health) {
        router.exact("GET", "/health", ex -> ex.sendJson(200, health.get()));
        router.exact("GET", "/metrics", ex -> ex.send(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        return router;
    }
}
