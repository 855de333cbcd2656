package io.cairn.http;

import io.cairn.api.ApiPaths;
import io.cairn.api.ErrorBody;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API's handler (REST, internal, admin): API-key check, routing, and errors as {@link ErrorBody} JSON.
 * Routes run on the request's virtual thread and may block.
 */
public final class ApiHandler extends ExchangeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String HEALTH = "/health";

    private final Router router;
    private final byte[] apiKey;

    /** @param apiKey null or empty for no authentication */
    public ApiHandler(Router router, String apiKey, MeterRegistry registry) {
        super(registry);
        this.router = router;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void serve(Exchange exchange) throws Exception {
        String method = exchange.method();
        String path = PercentCodec.decodePath(exchange.path());
        Optional<Router.Match> match = router.match(method, path);
        exchange.route(path, match.map(Router.Match::rest).orElse(""));
        if (apiKey != null && !HEALTH.equals(path) && !keyMatches(exchange.header(ApiPaths.API_KEY_HEADER))) {
            throw new CairnException(ErrorCode.UNAUTHORIZED, "missing or wrong " + ApiPaths.API_KEY_HEADER);
        }
        if (match.isEmpty()) {
            if (router.knowsPath(path)) {
                throw new CairnException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
            }
            throw new CairnException(ErrorCode.NOT_FOUND, "no such endpoint: " + method + " " + path);
        }
        exchange.routeLabel(match.get().name());
        match.get().route().handle(exchange);
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
        exchange.sendJson(code.httpStatus(), new ErrorBody(code.name(), message));
    }

    private boolean keyMatches(String presented) {
        return presented != null && MessageDigest.isEqual(apiKey, presented.getBytes(StandardCharsets.UTF_8));
    }
}
