package io.cairn.http.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * What one port allows a client that sends slowly or opens many connections; what a slow client costs is then bounded
 * in time and in number. A request body must start within a grace period from the request's arrival, arrive at
 * {@code minBodyRate} on average over the time the server waits for it once the grace period is over, and never pause
 * longer than {@code bodyIdleTimeout} ({@link BodyPace}); otherwise the request is answered 408 (S3: RequestTimeout)
 * and its connection closed. One client address may hold
 * {@code maxConnectionsPerClient} connections to the port; a request on a further one is answered 429 (S3: SlowDown)
 * and its connection closed, unless its caller proves to be a process of the cluster.
 *
 * @param minBodyRate             bytes per second a request body must average while the server waits for it, after
 *                                the grace period; 0 for no minimum (MIN_BODY_RATE). Cluster members are exempt.
 * @param bodyGrace               from the request's arrival (from the server's first read, for a client that expects
 *                                {@code 100 Continue}), how long its body may come at any rate; the first byte must
 *                                come within it
 * @param bodyIdleTimeout         the longest the server waits for the next byte of a body (BODY_IDLE_TIMEOUT)
 * @param maxConnectionsPerClient connections one client address may hold open to the port; 0 for no limit
 *                                (MAX_CONNECTIONS_PER_CLIENT)
 */
public record ConnectionLimits(long minBodyRate, Duration bodyGrace, Duration bodyIdleTimeout,
                               int maxConnectionsPerClient) {
    /** The idle timeout of a whole connection: between requests, and while a response is written. */
    public static final Duration CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final long DEFAULT_MIN_BODY_RATE = 16 * 1024;
    public static final Duration DEFAULT_BODY_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Twice a gateway's upload slots (MAX_CONCURRENT_UPLOADS' default): one client may use them all at once and still
     * have connections for its other requests.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 128;
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MIN_BODY_RATE, DEFAULT_BODY_GRACE,
            DEFAULT_BODY_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_CLIENT);

    /** @throws IllegalArgumentException naming the first value out of range */
    public ConnectionLimits {
        Objects.requireNonNull(bodyGrace, "bodyGrace");
        Objects.requireNonNull(bodyIdleTimeout, "bodyIdleTimeout");
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("the minimum body rate must be 0 (none) or positive, got "
                    + minBodyRate);
        }
        if (bodyGrace.isNegative()) {
            throw new IllegalArgumentException("the body grace period must not be negative, got " + bodyGrace);
        }
        if (bodyIdleTimeout.isNegative() || bodyIdleTimeout.isZero()
                || bodyIdleTimeout.compareTo(CONNECTION_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the body idle timeout must be positive and at most the connection "
                    + "idle timeout (" + CONNECTION_IDLE_TIMEOUT.toSeconds() + " s), got " + bodyIdleTimeout);
        }
        if (maxConnectionsPerClient < 0) {
            throw new IllegalArgumentException("the connections per client must be 0 (no limit) or positive, got "
                    + maxConnectionsPerClient);
        }
    }

    /** The same limits without a limit on connections per client address. */
    public ConnectionLimits withoutConnectionLimit() {
        return new ConnectionLimits(minBodyRate, bodyGrace, bodyIdleTimeout, 0);
    }

    /** The clock of one request's body under these limits. */
    public BodyPace pace() {
        return new BodyPace(minBodyRate, bodyGrace, bodyIdleTimeout);
    }
}
