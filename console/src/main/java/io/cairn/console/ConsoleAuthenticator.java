package io.cairn.console;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.Authenticator;
import io.cairn.http.Caller;
import io.cairn.http.Exchange;
import java.time.Clock;
import java.util.Set;

/**
 * The API's credentials plus the console's session cookie. A credential in the request itself (a signature, a key)
 * wins; a request with none is taken as the session its cookie holds. A request that changes anything with a cookie
 * alone must carry the session's CSRF token in {@value #CSRF_HEADER}, which only the console's own pages hold: the
 * cookie is {@code SameSite=Strict} as well, but a check that does not lean on the browser alone costs one header.
 */
final class ConsoleAuthenticator implements Authenticator {
    static final String CSRF_HEADER = "X-Cairn-CSRF";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Authenticator inner;
    private final ConsoleSessions sessions;
    private final Clock clock;

    ConsoleAuthenticator(Authenticator inner, ConsoleSessions sessions, Clock clock) {
        this.inner = inner;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(Exchange exchange) {
        Caller caller = inner.authenticate(exchange);
        String token = caller instanceof Caller.Anonymous ? SessionCookie.read(exchange) : null;
        if (token == null) {
            return caller;
        }
        ConsoleSessions.Session session = sessions.verify(token).orElseThrow(() -> {
            SessionCookie.clear(exchange);
            return new CairnException(ErrorCode.UNAUTHORIZED, "your console session has ended (it expired, was "
                    + "signed out, or its access key was disabled or deleted): sign in again");
        });
        if (!SAFE.contains(exchange.method())) {
            checkSameSite(exchange, session);
        }
        ConsoleSessions.Session renewed = sessions.renewed(session);
        if (renewed != session) {
            SessionCookie.set(exchange, sessions.token(renewed),
                    renewed.e() - clock.instant().getEpochSecond());
        }
        return sessions.user(session);
    }

    private void checkSameSite(Exchange exchange, ConsoleSessions.Session session) {
        if ("cross-site".equals(exchange.header("Sec-Fetch-Site"))) {
            throw new CairnException(ErrorCode.ACCESS_DENIED, "a page of another site may not change anything "
                    + "with a console session");
        }
        if (!sessions.csrfMatches(session, exchange.header(CSRF_HEADER))) {
            throw new CairnException(ErrorCode.ACCESS_DENIED, "a change made with a console session needs the "
                    + "session's " + CSRF_HEADER + " header (GET /console/session gives it)");
        }
    }
}
