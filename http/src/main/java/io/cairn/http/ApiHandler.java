package io.cairn.http;

import io.cairn.api.ErrorBody;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.limits.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API's handler (REST, internal, admin): credentials, rate limits, routing, the route's {@link Access}, and
 * errors as {@link ErrorBody} JSON. A caller without a credential learns nothing but 401, not even whether a path
 * exists. Routes run on the request's virtual thread and may block.
 */
public final class ApiHandler extends ExchangeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final Authenticator authenticator;
    private final boolean metricsPublic;

    public ApiHandler(Router router, Authenticator authenticator, boolean metricsPublic, MeterRegistry registry,
                      RateLimiter limiter) {
        this(router, authenticator, metricsPublic, registry, limiter, new RecentErrors());
    }

    /** @param errors where its server errors go (a gateway's, which its admin API shows) */
    public ApiHandler(Router router, Authenticator authenticator, boolean metricsPublic, MeterRegistry registry,
                      RateLimiter limiter, RecentErrors errors) {
        super(registry, limiter, errors);
        this.router = router;
        this.authenticator = authenticator;
        this.metricsPublic = metricsPublic;
    }

    @Override
    protected void serve(Exchange exchange) throws Exception {
        String method = exchange.method();
        String path = PercentCodec.decodePath(exchange.path());
        Optional<Router.Match> match = router.match(method, path);
        exchange.route(path, match.map(Router.Match::rest).orElse(""));
        // Named before the caller is checked, so that a refusal (401, 403, 429) says in the audit log what it refused.
        match.ifPresent(m -> exchange.routeLabel(m.name()));
        // No route: any credential may learn that (404 or 405), none may not (401).
        Access access = match.map(Router.Match::access).orElse(Access.METRICS);
        boolean open = access == Access.OPEN || access == Access.CONSOLE_FILE
                || match.isPresent() && access == Access.METRICS && metricsPublic;
        if (!open) {
            Caller caller;
            try {
                caller = authenticator.authenticate(exchange);
            } catch (CairnException e) {
                if (e.code() == ErrorCode.UNAUTHORIZED) {
                    chargeRefusedCredential(exchange);
                }
                throw e;
            }
            exchange.caller(caller);
            throttle(exchange);
            admit(caller, access);
        }
        if (match.isEmpty()) {
            if (router.knowsPath(path)) {
                throw new CairnException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
            }
            throw new CairnException(ErrorCode.NOT_FOUND, "no such endpoint: " + method + " " + path);
        }
        match.get().route().handle(exchange);
    }

    private static void admit(Caller caller, Access access) {
        boolean admitted = switch (access) {
            case OPEN, CONSOLE_FILE -> true;
            case CLUSTER -> caller instanceof Caller.Member;
            case USER -> caller instanceof Caller.User;
            case METRICS -> !(caller instanceof Caller.Anonymous);
        };
        if (admitted) {
            return;
        }
        if (caller instanceof Caller.Anonymous) {
            throw new CairnException(ErrorCode.UNAUTHORIZED, "this needs a credential: an access key and secret "
                    + "(Authorization: Basic, curl -u KEY:SECRET) or the API key (X-API-Key)");
        }
        throw new CairnException(ErrorCode.ACCESS_DENIED, access == Access.CLUSTER
                ? "only processes of this cluster may call this" : "this credential may not call this");
    }

    /**
     * Whether a 401 asks for Basic credentials: not where a browser would then pop up its password dialog for nothing,
     * as for a page's script (Sec-Fetch-Dest: empty), which handles a 401 itself, or a link that carried a signature
     * of its own (a presigned URL, expired or altered), which a password would not mend.
     */
    private static boolean challengesBasic(Exchange exchange) {
        String authorization = exchange.header("Authorization");
        return !"empty".equals(exchange.header("Sec-Fetch-Dest")) && exchange.query("X-Amz-Signature") == null
                && (authorization == null || authorization.regionMatches(true, 0, "Basic ", 0, 6));
    }

    @Override
    protected void sendError(Exchange exchange, Throwable failure) throws IOException {
        ErrorCode code;
        String message;
        if (failure instanceof CairnException ce) {
            code = ce.code();
            message = ce.getMessage();
        } else {
            code = ErrorCode.INTERNAL;
            message = "internal error: " + failure.getClass().getSimpleName();
            LOG.error("unexpected failure on {} {}", exchange.method(), exchange.path(), failure);
        }
        if (code == ErrorCode.UNAUTHORIZED && challengesBasic(exchange)) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"cairn\", charset=\"UTF-8\"");
        }
        exchange.sendJson(code.httpStatus(), new ErrorBody(code.name(), message));
    }
}
