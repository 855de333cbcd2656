package io.cairn.controller;

import io.cairn.api.EnrollRequest;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.Exchange;
import io.cairn.http.Route;
import io.cairn.http.limits.Admission;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;

/**
 * {@code POST} {@link io.cairn.api.ApiPaths#ENROLL}, open to callers without a credential (the join token is what they
 * have instead), so bounded here rather than by the credential checks other routes pass: a few requests per second
 * per client address, and a small body read whole only up to its bound.
 */
final class EnrollRoute implements Route {
    /** Per client address: a process enrolls once; a burst of machines behind one address waits a second or two. */
    static final RateLimits LIMITS = new RateLimits(0, 0, 5, 0);
    private static final int MAX_BODY = 4096;

    private final JoinTokens tokens;
    private final RateLimiter limiter;

    EnrollRoute(JoinTokens tokens, MeterRegistry registry) {
        this.tokens = tokens;
        this.limiter = new RateLimiter(LIMITS, registry, System::nanoTime);
    }

    @Override
    public void handle(Exchange ex) throws IOException {
        if (limiter.admit(null, ex.remoteAddress()) instanceof Admission.Refused refused) {
            ex.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            throw new CairnException(ErrorCode.TOO_MANY_REQUESTS, refused.message());
        }
        ex.sendJson(200, tokens.enroll(ex.readJson(EnrollRequest.class, MAX_BODY)));
    }
}
