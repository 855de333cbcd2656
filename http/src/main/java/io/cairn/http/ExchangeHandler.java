package io.cairn.http;

import io.cairn.api.ApiPaths;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.audit.AuditLog;
import io.cairn.http.limits.Admission;
import io.cairn.http.limits.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every API of a Cairn process does around a request, whatever its protocol (the JSON API, S3): run it on its
 * virtual thread as an {@link Exchange}, answer a failure with the protocol's error body if nothing was sent yet (or
 * abort the connection if something was), complete the response, and record one access-log line, request metrics and,
 * where it concerns the audit log, an audit line. Subclasses say how to serve a request and how to render an error,
 * and apply the rate limits ({@link #throttle}) once they know who the caller is.
 */
public abstract class ExchangeHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("cairn.access");
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);
    // Up to this much of a refused body is read and dropped so the client, still sending, gets the answer; beyond it
    // the connection is closed instead (a client may then see a reset rather than the error).
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final MeterRegistry registry;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final RateLimiter limiter;
    private final AuditLog audit;

    protected ExchangeHandler(MeterRegistry registry, RateLimiter limiter) {
        this.registry = registry;
        this.limiter = limiter;
        this.audit = new AuditLog(registry);
        this.bytesIn = Counter.builder("cairn.http.received.bytes").description("request body bytes read")
                .register(registry);
        this.bytesOut = Counter.builder("cairn.http.sent.bytes").description("response body bytes written")
                .register(registry);
    }

    /** Serves one request; names it for metrics with {@link Exchange#routeLabel}, never with a raw path. */
    protected abstract void serve(Exchange exchange) throws Exception;

    /** How this API words a refusal Jetty makes before a route runs: JSON unless the API says otherwise. */
    public ErrorPage errorPage() {
        return ErrorPage.JSON;
    }

    /** Writes the protocol's error response for {@code failure}; nothing has been sent yet. */
    protected abstract void sendError(Exchange exchange, Throwable failure) throws IOException;

    /**
     * Applies the rate limits to a request whose caller is now known, before its body is touched: refuses it with
     * TOO_MANY_REQUESTS and a {@code Retry-After} header, or lets it go on with its body bytes charged as they flow.
     * The cluster's own processes and the metrics token are not limited: their calls serve users' requests already
     * counted, and monitoring must see an overloaded gateway.
     */
    protected final void throttle(Exchange exchange) {
        String key;
        switch (exchange.caller()) {
            case Caller.Member member -> {
                return;
            }
            case Caller.Monitor monitor -> {
                return;
            }
            // The legacy API key has no key id; it is one credential, limited as one.
            case Caller.User user -> key = user.accessKeyId() == null ? ApiPaths.API_KEY_HEADER : user.accessKeyId();
            case Caller.Anonymous anonymous -> key = null;
        }
        switch (limiter.admit(key, exchange.remoteAddress())) {
            case Admission.Admitted admitted -> exchange.meterBodies(admitted::charge);
            case Admission.Refused refused -> {
                exchange.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
                throw new CairnException(ErrorCode.TOO_MANY_REQUESTS, refused.message());
            }
        }
    }

    /**
     * Charges a request whose credential was refused (an unknown key, a wrong secret or signature) to its address,
     * as an anonymous request: guessing keys and secrets from one address is bounded by the address's limit, and an
     * address over it learns nothing more about its credentials (TOO_MANY_REQUESTS instead of the refusal). Requests
     * that authenticate are limited by {@link #throttle}; the cluster's own always authenticate.
     */
    protected final void chargeRefusedCredential(Exchange exchange) {
        if (limiter.admit(null, exchange.remoteAddress()) instanceof Admission.Refused refused) {
            exchange.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            throw new CairnException(ErrorCode.TOO_MANY_REQUESTS, refused.message());
        }
    }

    /** Sets {@code Retry-After} (whole seconds, at least one) if the refusal says when to try again. */
    protected static void retryAfter(Exchange exchange, CairnException refusal) {
        refusal.retryAfter().ifPresent(wait -> exchange.setHeader("Retry-After",
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
    }

    /** Failures that are answers (a refused request), logged without a stack trace when they come too late. */
    protected boolean isRefusal(Throwable failure) {
        return failure instanceof CairnException;
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Instant arrived = Instant.now();
        String rawPath = request.getHttpURI().getPath();
        Exchange exchange = new Exchange(request, response, rawPath == null ? "/" : rawPath);
        Throwable failure = null;
        try {
            serve(exchange);
        } catch (Throwable t) {
            failure = t;
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
        record(exchange, rawPath, start, arrived, failure);
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
            if (isRefusal(failure)) {
                LOG.warn("request failed after the response started: {} {}: {}", exchange.method(), exchange.path(),
                        failure.getMessage());
            } else if (!(failure instanceof EofException)) {
                LOG.warn("request failed after the response started: {} {}", exchange.method(), exchange.path(), failure);
            }
            return failure;
        }
        if (failure instanceof EofException) {
            return failure;
        }
        try {
            long length = exchange.contentLength();
            boolean drainable = length < 0 || length - exchange.bytesIn() <= DRAIN_LIMIT;
            if (failure instanceof CairnException refusal) {
                retryAfter(exchange, refusal);
            }
            if (!drainable || !exchange.drainBody(DRAIN_LIMIT)) {
                // Reading a large refused body (a 413 above all) would cost what refusing it was meant to save.
                exchange.setHeader("Connection", "close");
            }
            sendError(exchange, failure);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private void record(Exchange exchange, String rawPath, long start, Instant arrived, Throwable failure) {
        long nanos = System.nanoTime() - start;
        int status = failure == null ? exchange.status() : 599;
        String route = exchange.routeLabel() != null ? exchange.routeLabel() : "unmatched";
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
        audit.record(exchange, arrived, status, nanos);
    }
}
