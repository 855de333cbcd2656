package io.cairn.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes every process serves: {@code GET /health} (the process is up) and {@code GET /ready} (it can serve),
 * open to probes, and {@code GET /metrics} (Prometheus text), which needs a credential unless metrics are public.
 */
public final class StandardRoutes {
    private StandardRoutes() {
    }

    public static Router add(Router router, PrometheusMeterRegistry registry, Supplier<Map<String, Object>> health,
                             Supplier<Readiness> readiness) {
        router.exact(Access.OPEN, "GET", "/health", ex -> ex.sendJson(200, health.get()));
        router.exact(Access.OPEN, "GET", "/ready", ex -> {
            Readiness now = readiness.get();
            if (now.ready()) {
                ex.sendJson(200, Map.of("status", "ready"));
            } else {
                ex.setHeader("Retry-After", "1");
                ex.sendJson(503, Map.of("status", "not ready", "reason", now.reason()));
            }
        });
        router.exact(Access.METRICS, "GET", "/metrics", ex -> ex.send(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        return router;
    }
}
