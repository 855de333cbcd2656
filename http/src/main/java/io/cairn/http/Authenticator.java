package io.cairn.http;

/**
 * Turns a request's credentials into a {@link Caller}. A request with none is {@link Caller.Anonymous}; a request whose
 * credential is wrong fails with {@code UNAUTHORIZED}, never silently becomes anonymous.
 */
@FunctionalInterface
public interface Authenticator {
    Caller authenticate(Exchange exchange);
}
