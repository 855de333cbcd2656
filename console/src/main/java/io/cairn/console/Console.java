package io.cairn.console;

import io.cairn.auth.ClusterSecret;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.Access;
import io.cairn.http.Authenticator;
import io.cairn.http.Caller;
import io.cairn.http.Exchange;
import io.cairn.http.Router;
import io.cairn.http.UserCredentials;
import io.cairn.s3.auth.S3Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The web console a gateway serves at {@code /console/}: its files, and its session. Signing in checks an access key
 * and secret (or the legacy API key) once and sets the session cookie; from then on the pages call the gateway's
 * public APIs (REST, admin) with the cookie as their credential, so the console can do nothing a script cannot.
 * <ul>
 * <li>{@code POST /console/session} {@code {"access_key","secret_key"}} or {@code {"api_key"}}: sign in;</li>
 * <li>{@code GET /console/session}: who is signed in, and the CSRF token the pages send with every change;</li>
 * <li>{@code DELETE /console/session}: sign out.</li>
 * </ul>
 */
public final class Console {
    private static final String PAGE = "/console/";
    private static final String SESSION = "/console/session";
    private static final int MAX_SIGN_IN_BYTES = 8192;

    private final ConsoleAssets assets;
    private final ConsoleSessions sessions;
    private final UserCredentials users;
    private final byte[] apiKey;
    private final SignInThrottle throttle;
    private final Clock clock;

    /**
     * @param secret the cluster secret, so that every gateway of the cluster accepts the sessions of the others
     * @param keys   the access keys users sign in with (their secrets sign the sessions)
     * @param apiKey the legacy shared API key, which signs in as the root user; null or empty for none
     */
    public <K extends UserCredentials & S3Credentials> Console(ClusterSecret secret, K keys, String apiKey,
                                                                Clock clock, LongSupplier nanos) {
        this.assets = ConsoleAssets.load();
        this.sessions = new ConsoleSessions(secret, keys, apiKey, clock);
        this.users = keys;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.throttle = new SignInThrottle(nanos);
        this.clock = clock;
    }

    /** The API's credentials plus the session cookie, with its CSRF check on every change. */
    public Authenticator authenticator(Authenticator api) {
        return new ConsoleAuthenticator(api, sessions, clock);
    }

    public void install(Router router) {
        router.exact(Access.CONSOLE_FILE, "GET", "/", Console::toPage);
        router.exact(Access.CONSOLE_FILE, "GET", "/console", Console::toPage);
        router.exact(Access.CONSOLE_FILE, "GET", PAGE, assets::servePage);
        router.prefix(Access.CONSOLE_FILE, "GET", PAGE + "v/", ex -> {
            if (!assets.serveFile(ex, ex.pathRest())) {
                ConsoleAssets.secure(ex);
                throw new CairnException(ErrorCode.NOT_FOUND, "no such console file (of this version): reload "
                        + "the page");
            }
        });
        // Open: the secret in the body is the credential, checked here.
        router.exact(Access.OPEN, "POST", SESSION, this::signIn);
        router.exact(Access.USER, "GET", SESSION, this::whoAmI);
        router.exact(Access.USER, "DELETE", SESSION, this::signOut);
    }

    private static void toPage(Exchange exchange) throws IOException {
        exchange.setHeader("Location", PAGE);
        exchange.setHeader("Cache-Control", "no-cache");
        exchange.send(302, "text/plain; charset=utf-8", "The web console is at /console/\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The sign-in form's request (the fields a browser password manager knows). */
    record SignIn(String access_key, String secret_key, String api_key) {
    }

    private void signIn(Exchange exchange) throws IOException {
        String type = exchange.contentType();
        // Only JSON: a page of another site cannot send it without asking first (CORS), so it cannot sign a visitor
        // in as someone else.
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new CairnException(ErrorCode.BAD_REQUEST, "sign in with a JSON body: "
                    + "{\"access_key\":\"...\",\"secret_key\":\"...\"} or {\"api_key\":\"...\"}");
        }
        if ("cross-site".equals(exchange.header("Sec-Fetch-Site"))) {
            throw new CairnException(ErrorCode.ACCESS_DENIED, "a page of another site may not sign in here");
        }
        throttle.admit(exchange.remoteAddress());
        SignIn form = exchange.readJson(SignIn.class, MAX_SIGN_IN_BYTES);
        Optional<ConsoleSessions.Session> session = form == null ? Optional.empty() : check(form);
        if (session.isEmpty()) {
            throttle.failed(exchange.remoteAddress());
            throw new CairnException(ErrorCode.UNAUTHORIZED, form != null && form.api_key() != null
                    ? "wrong API key" : "unknown access key, disabled key or wrong secret");
        }
        throttle.succeeded(exchange.remoteAddress());
        ConsoleSessions.Session started = session.get();
        exchange.caller(sessions.user(started));
        SessionCookie.set(exchange, sessions.token(started), ConsoleSessions.IDLE.toSeconds());
        exchange.sendJson(200, describe(started, sessions.user(started)));
    }

    private Optional<ConsoleSessions.Session> check(SignIn form) {
        if (form.api_key() != null) {
            boolean right = apiKey != null && MessageDigest.isEqual(apiKey,
                    form.api_key().getBytes(StandardCharsets.UTF_8));
            return right ? Optional.of(sessions.start(null)) : Optional.empty();
        }
        if (form.access_key() == null || form.secret_key() == null) {
            throw new CairnException(ErrorCode.BAD_REQUEST, "sign in with access_key and secret_key (or api_key)");
        }
        return users.verify(form.access_key(), form.secret_key()).map(user -> sessions.start(form.access_key()));
    }

    private void whoAmI(Exchange exchange) throws IOException {
        Optional<ConsoleSessions.Session> session = currentSession(exchange);
        if (session.isPresent()) {
            exchange.sendJson(200, describe(session.get(), (Caller.User) exchange.caller()));
            return;
        }
        // Signed some other way (a key, a signature): there is no session to describe, only the user.
        Map<String, Object> body = new LinkedHashMap<>();
        if (exchange.caller() instanceof Caller.User user) {
            body.put("user", user.name());
            body.put("access_key", user.accessKeyId());
        }
        exchange.sendJson(200, body);
    }

    private void signOut(Exchange exchange) throws IOException {
        currentSession(exchange).ifPresent(sessions::signOut);
        SessionCookie.clear(exchange);
        exchange.sendJson(200, Map.of("message", "signed out"));
    }

    /** The request's own session, when the cookie was its credential (it was checked already, CSRF and all). */
    private Optional<ConsoleSessions.Session> currentSession(Exchange exchange) {
        String token = exchange.header("Authorization") == null ? SessionCookie.read(exchange) : null;
        return token == null ? Optional.empty() : sessions.verify(token);
    }

    private Map<String, Object> describe(ConsoleSessions.Session session, Caller.User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.name());
        body.put("access_key", session.k());
        body.put("signed_in_with", session.k() == null ? "api key" : "access key");
        body.put("csrf_token", sessions.csrfToken(session));
        body.put("expires_at", session.expires().toString());
        body.put("idle_timeout_s", ConsoleSessions.IDLE.toSeconds());
        return body;
    }
}
