package io.cairn.console;

import io.cairn.http.Exchange;

/**
 * The cookie a console session travels in: {@code HttpOnly}, so no script (an injected one included) can read it;
 * {@code SameSite=Strict}, so no other site's page can send it; {@code Secure} wherever the port is HTTPS.
 */
final class SessionCookie {
    static final String NAME = "cairn_session";

    private SessionCookie() {
    }

    /** The session token the request carries, or null. */
    static String read(Exchange exchange) {
        String header = exchange.header("Cookie");
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String cookie = pair.strip();
            if (cookie.startsWith(NAME + "=")) {
                return cookie.substring(NAME.length() + 1);
            }
        }
        return null;
    }

    static void set(Exchange exchange, String token, long maxAgeSeconds) {
        exchange.setHeader("Set-Cookie", NAME + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (exchange.isSecure() ? "; Secure" : ""));
    }

    static void clear(Exchange exchange) {
        set(exchange, "", 0);
    }
}
