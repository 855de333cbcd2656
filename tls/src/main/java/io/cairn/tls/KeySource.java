package io.cairn.tls;

/**
 * Where a process's key and certificate come from, asked at each TLS handshake, so a renewed or replaced certificate
 * is used from the next connection on without restarting a server.
 */
@FunctionalInterface
public interface KeySource {
    /** The key and chain to present now; the same instance as long as nothing changed. */
    KeyMaterial current();
}
