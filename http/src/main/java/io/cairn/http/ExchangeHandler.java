package io.cairn.http;

import io.cairn.api.ApiPaths;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.audit.AuditLog;
import io.cairn.http.limits.Admission;
import io.cairn.http.limits.BodyPace;
import io.cairn.http.limits.ClientConnections;
import io.cairn.http.limits.ConnectionLimits;
import io.cairn.http.limits.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
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
    private final Counter bodyTimeouts;
    private final Counter connectionRefusals;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final RecentErrors errors;
    /**
     * The request timer of each route and status seen, so a request does not build and look up its meter (a tag list,
     * an id, a registry lookup: a few percent of a small PUT's CPU). Bounded: routes are the router's labels.
     */
    private final Map<RouteStatus, Timer> timers = new ConcurrentHashMap<>();

    private record RouteStatus(String route, int status) {
    }

    protected ExchangeHandler(MeterRegistry registry, RateLimiter limiter) {
        this(registry, limiter, new RecentErrors());
    }

    /** @param errors where this API's server errors go, to be read back (shared by a process's APIs, or its own) */
    protected ExchangeHandler(MeterRegistry registry, RateLimiter limiter, RecentErrors errors) {
        this.errors = errors;
        this.registry = registry;
        this.limiter = limiter;
        this.audit = new AuditLog(registry);
        this.bytesIn = Counter.builder("cairn.http.received.bytes").description("request body bytes read")
                .register(registry);
        this.bytesOut = Counter.builder("cairn.http.sent.bytes").description("response body bytes written")
                .register(registry);
        this.bodyTimeouts = Counter.builder("cairn.http.body.timeouts")
                .description("requests answered 408 because their body came too slowly (MIN_BODY_RATE, "
                        + "BODY_IDLE_TIMEOUT)").register(registry);
        this.connectionRefusals = Counter.builder("cairn.http.connections.refused")
                .description("requests refused on a connection beyond its client address's limit "
                        + "(MAX_CONNECTIONS_PER_CLIENT)").register(registry);
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
     * counted, and monitoring must see an overloaded gateway. A request on a connection beyond its address's limit
     * (MAX_CONNECTIONS_PER_CLIENT) is refused the same way, and its connection closed; the cluster's and the metrics
     * token's are served on it.
     */
    protected final void throttle(Exchange exchange) {
        String key;
        switch (exchange.caller()) {
            case Caller.Member member -> {
                exchange.admitConnection();
                return;
            }
            case Caller.Monitor monitor -> {
                exchange.admitConnection();
                return;
            }
            // The legacy API key has no key id; it is one credential, limited as one.
            case Caller.User user -> key = user.accessKeyId() == null ? ApiPaths.API_KEY_HEADER : user.accessKeyId();
            case Caller.Anonymous anonymous -> key = null;
        }
        if (exchange.overConnectionLimit()) {
            connectionRefusals.increment();
            exchange.closeConnection();
            exchange.setHeader("Retry-After", "1");
            throw new CairnException(ErrorCode.TOO_MANY_REQUESTS, "this client address has more than "
                    + exchange.connectionLimit() + " connections open to this port (MAX_CONNECTIONS_PER_CLIENT): "
                    + "this one is closed; send requests over the connections already open, or open fewer");
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

    /** The name an error goes by in {@link RecentErrors}: this API's error code for it. */
    protected String errorCode(Throwable failure) {
        return failure instanceof CairnException ce ? ce.code().name() : failure.getClass().getSimpleName();
    }

    /** Failures that are answers (a refused request), logged without a stack trace when they come too late. */
    protected boolean isRefusal(Throwable failure) {
        return failure instanceof CairnException;
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        Begun begun = new Begun(request, response, callback, System.nanoTime(), Instant.now());
        Content.Chunk first = null;
        if (waitsForBody(request)) {
            // The body's grace period runs from now, also while the request waits for transfer memory later.
            begun.pace().start(begun.start());
            first = request.read();
            if (first == null) {
                // No thread, memory or upload slot for the request until its body flows: a client that sends headers
                // and then nothing holds a connection (counted per address) and no more, until its grace period
                // ends.
                new FirstBytes(begun).await();
                return true;
            }
        }
        run(begun, first, null);
        return true;
    }

    /**
     * Whether the request has a body that has not started, and its client sends it unasked: one that expects
     * {@code 100 Continue} waits for the route to read (a refusal then comes before the body does).
     */
    private static boolean waitsForBody(Request request) {
        HttpFields headers = request.getHeaders();
        boolean body = request.getLength() > 0 || headers.contains(HttpHeader.TRANSFER_ENCODING);
        return body && !headers.contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    }

    /** A request as it arrived, with the port's limits. */
    private record Begun(Request request, Response response, Callback callback, long start, Instant arrived,
                         ConnectionLimits limits, BodyPace pace, ClientConnections connections) {
        Begun(Request request, Response response, Callback callback, long start, Instant arrived) {
            this(request, response, callback, start, arrived, limitsOf(request));
        }

        private Begun(Request request, Response response, Callback callback, long start, Instant arrived,
                      ConnectionLimits limits) {
            this(request, response, callback, start, arrived, limits, limits.pace(),
                    request.getConnectionMetaData().getConnector().getBean(ClientConnections.class));
        }

        private static ConnectionLimits limitsOf(Request request) {
            ConnectionLimits limits = request.getConnectionMetaData().getConnector().getBean(ConnectionLimits.class);
            return limits == null ? ConnectionLimits.DEFAULTS : limits;
        }
    }

    /**
     * Waits, without a thread, for the first bytes of a request's body, then runs the request with them; answers
     * REQUEST_TIMEOUT instead if they do not come within the body's grace period (or idle timeout, if shorter).
     */
    private final class FirstBytes {
        private final Begun begun;
        private final AtomicBoolean decided = new AtomicBoolean();
        private volatile Scheduler.Task timer;
        private long waitStart;

        FirstBytes(Begun begun) {
            this.begun = begun;
        }

        void await() {
            waitStart = System.nanoTime();
            timer = begun.request().getComponents().getScheduler().schedule(this::timeout,
                    Math.max(1, begun.pace().allowedWaitNanos(true, waitStart)), TimeUnit.NANOSECONDS);
            begun.request().demand(this::arrived);
        }

        private void arrived() {
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            Scheduler.Task task = timer;
            if (task != null) {
                task.cancel();
            }
            begun.pace().waited(waitStart, System.nanoTime());
            execute(() -> run(begun, begun.request().read(), null));
        }

        private void timeout() {
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            long now = System.nanoTime();
            begun.pace().waited(waitStart, now);
            CairnException refusal = new CairnException(ErrorCode.REQUEST_TIMEOUT, begun.pace().refusal(true, now));
            // The demand stays pending: nothing is read from this request again.
            execute(() -> run(begun, null, refusal));
        }

        private void execute(Runnable task) {
            try {
                begun.request().getComponents().getExecutor().execute(task);
            } catch (RuntimeException e) {
                // The server is stopping.
                begun.callback().failed(e);
            }
        }
    }

    /**
     * Runs one request on this thread and completes it.
     *
     * @param first   the body's first chunk, already read, or null
     * @param timeout the refusal of a body that did not start in time, answered instead of serving, or null
     */
    private void run(Begun begun, Content.Chunk first, CairnException timeout) {
        Request request = begun.request();
        String rawPath = request.getHttpURI().getPath();
        Exchange exchange = new Exchange(request, begun.response(), rawPath == null ? "/" : rawPath, begun.pace(),
                first, begun.connections());
        Throwable failure = null;
        try {
            if (timeout != null) {
                exchange.bodyTimedOut(timeout);
                throw timeout;
            }
            serve(exchange);
        } catch (Throwable t) {
            failure = t;
        }
        Throwable thrown = failure;
        failure = respondToFailure(exchange, failure);
        try {
            if (failure == null) {
                if (exchange.closesConnection() && !exchange.committed()) {
                    // A body cut off, even if the route answered anyway: nothing more is read from it.
                    exchange.setHeader("Connection", "close");
                }
                exchange.finish();
            }
        } catch (Throwable t) {
            failure = t;
        }
        exchange.releaseBody();
        if (failure == null) {
            begun.callback().succeeded();
        } else {
            begun.callback().failed(failure);
        }
        record(exchange, rawPath, begun.start(), begun.arrived(), failure, thrown);
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
        CairnException bodyTimeout = exchange.bodyTimeout();
        if (bodyTimeout != null) {
            // However a reader wrapped it (a form parser, a signature check), the body came too slowly.
            failure = bodyTimeout;
            bodyTimeouts.increment();
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
            // A client that waits for 100 Continue is refused without being invited to send its body (reading it
            // would send the 100); as it may send the body after all, the connection then ends with the answer.
            boolean uninvited = exchange.bytesIn() == 0
                    && HttpHeaderValue.CONTINUE.asString().equalsIgnoreCase(exchange.header("Expect"));
            if (!drainable || uninvited || exchange.closesConnection() || !exchange.drainBody(DRAIN_LIMIT)) {
                // Reading a large refused body (a 413 above all) would cost what refusing it was meant to save.
                exchange.setHeader("Connection", "close");
            }
            sendError(exchange, failure);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /**
     * @param failure what could not be answered (the response had begun), or null
     * @param thrown  what the route threw, answered or not, or null
     */
    private void record(Exchange exchange, String rawPath, long start, Instant arrived, Throwable failure,
                        Throwable thrown) {
        long nanos = System.nanoTime() - start;
        int status = failure == null ? exchange.status() : 599;
        String route = exchange.routeLabel() != null ? exchange.routeLabel() : "unmatched";
        bytesIn.increment(exchange.bytesIn());
        bytesOut.increment(exchange.bytesOut());
        timers.computeIfAbsent(new RouteStatus(route, status), key -> Timer.builder("cairn.http.requests")
                        .description("HTTP requests by route and status")
                        .tag("route", key.route())
                        .tag("status", Integer.toString(key.status()))
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        ACCESS.info("{} {} {} in={} out={} {}ms", exchange.method(), rawPath, status, exchange.bytesIn(),
                exchange.bytesOut(), TimeUnit.NANOSECONDS.toMillis(nanos));
        audit.record(exchange, arrived, status, nanos);
        Throwable cause = exchange.bodyTimeout() != null ? exchange.bodyTimeout() : thrown;
        // Only failures: a route that answers 503 itself (a readiness probe before the cluster is ready) is answering.
        if (cause != null && RecentErrors.counts(status)) {
            errors.record(arrived, exchange, route, status, cause, errorCode(cause));
        }
    }
}
