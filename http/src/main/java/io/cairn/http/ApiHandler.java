package io.cairn.http;

import io.cairn.api.ApiPaths;
import io.cairn.api.ErrorBody;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of every Cairn process: API-key check, routing, error mapping to {@link ErrorBody} JSON,
 * one access-log line and request metrics per request. Routes run on the request's virtual thread and may block.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("cairn.access");
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String HEALTH = "/health";
    // Up to this much of a refused body is read and dropped so the client, still sending, gets the answer; beyond it
    // the connection is closed instead (a client may then see a reset rather than the error).
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final Router router;
    private final byte[] apiKey;
    private final MeterRegistry registry;
    private final Counter bytesIn;
    private final Counter bytesOut;

    /** @param apiKey null or empty for no authentication */
    public ApiHandler(Router router, String apiKey, MeterRegistry registry) {
        this.router = router;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.registry = registry;
        this.bytesIn = Counter.builder("cairn.http.received.bytes").description("request body bytes read")
                .register(registry);
        this.bytesOut = Counter.builder("cairn.http.sent.bytes").description("response body bytes written")
                .register(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String routeName = "unmatched";
        Exchange exchange = null;
        Throwable failure = null;
        try {
            String path = PercentCodec.decodePath(rawPath == null ? "/" : rawPath);
            Optional<Router.Match> match = router.match(method, path);
            exchange = new Exchange(request, response, path, match.map(Router.Match::rest).orElse(""));
            if (apiKey != null && !HEALTH.equals(path) && !keyMatches(request.getHeaders().get(ApiPaths.API_KEY_HEADER))) {
                throw new CairnException(ErrorCode.UNAUTHORIZED, "missing or wrong " + ApiPaths.API_KEY_HEADER);
            }
            if (match.isEmpty()) {
                if (router.knowsPath(path)) {
                    throw new CairnException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
                }
                throw new CairnException(ErrorCode.NOT_FOUND, "no such endpoint: " + method + " " + path);
            }
            routeName = match.get().name();
            match.get().route().handle(exchange);
        } catch (Throwable t) {
            failure = t;
        }
        if (exchange == null) {
            exchange = new Exchange(request, response, rawPath, "");
        }
        failure = respondToFailure(exchange, failure);
        try {
            if (failure == null) {
                exchange.finish();
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(failure);
        }
        record(exchange, routeName, rawPath, start, failure);
        return true;
    }

    /** Turns an exception into an error response if nothing was sent yet; returns what is still a failure. */
    private Throwable respondToFailure(Exchange exchange, Throwable failure) {
        if (failure == null) {
            return null;
        }
        if (exchange.committed()) {
            // Headers are gone; the only honest signal left is to abort the connection so the client sees a
            // truncated transfer rather than a complete-looking corrupt one.
            if (failure instanceof CairnException) {
                LOG.warn("request failed after the response started: {} {}: {}", exchange.method(), exchange.path(),
                        failure.getMessage());
            } else if (!(failure instanceof EofException)) {
                LOG.warn("request failed after the response started: {} {}", exchange.method(), exchange.path(), failure);
            }
            return failure;
        }
        ErrorCode code;
        String message;
        if (failure instanceof CairnException ce) {
            code = ce.code();
            message = ce.getMessage();
        } else if (failure instanceof EofException) {
            return failure;
        } else {
            code = ErrorCode.INTERNAL;
            message = "internal error: " + failure.getClass().getSimpleName();
            LOG.error("unexpected failure on {} {}", exchange.method(), exchange.path(), failure);
        }
        try {
            long length = exchange.contentLength();
            boolean drainable = length < 0 || length - exchange.bytesIn() <= DRAIN_LIMIT;
            if (!drainable || !exchange.drainBody(DRAIN_LIMIT)) {
                // Reading a large refused body (a 413 above all) would cost what refusing it was meant to save.
                exchange.setHeader("Connection", "close");
            }
            exchange.sendJson(code.httpStatus(), new ErrorBody(code.name(), message));
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private boolean keyMatches(String presented) {
        return presented != null && MessageDigest.isEqual(apiKey, presented.getBytes(StandardCharsets.UTF_8));
    }

    private void record(Exchange exchange, String routeName, String rawPath, long start, Throwable failure) {
        long nanos = System.nanoTime() - start;
        int status = failure == null ? exchange.status() : 599;
        String route = exchange.routeLabel() != null ? exchange.routeLabel() : routeName;
        bytesIn.increment(exchange.bytesIn());
        bytesOut.increment(exchange.bytesOut());
        Timer.builder("cairn.http.requests")
                .description("HTTP requests by route and status")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        ACCESS.info("{} {} {} in={} out={} {}ms", exchange.method(), rawPath, status, exchange.bytesIn(),
                exchange.bytesOut(), TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
