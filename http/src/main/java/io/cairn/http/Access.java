package io.cairn.http;

/**
 * Who may call a route. Every route is registered with one, so that no route can be added without deciding it, and a
 * test can walk the route table and prove each one refuses a stranger.
 */
public enum Access {
    /**
     * Anyone, without a credential: liveness probes, and a controller's enrollment route, where a join token's proof
     * stands for the credential (the route bounds itself).
     */
    OPEN,
    /**
     * The web console's own files (HTML, styles, scripts): the same in every install and holding no data, so open,
     * as a browser must load the sign-in page before it holds a credential. Every call the pages make needs one.
     */
    CONSOLE_FILE,
    /** Other processes of this cluster only, which prove it with the cluster secret ({@link Caller.Member}). */
    CLUSTER,
    /** An authenticated user; the route itself decides with the user's policies what that user may do there. */
    USER,
    /** Prometheus: a user, a cluster member or the cluster's metrics token; anyone when metrics are public. */
    METRICS
}
