package io.cairn.http;

/**
 * Whether a process can serve what it is for, as {@code GET /ready} answers it (200, or 503 with the reason): a
 * process that is up ({@code /health}) may still be waiting for a leader or for enough storage nodes.
 *
 * @param reason what it waits for; null when ready
 */
public record Readiness(boolean ready, String reason) {
    public static final Readiness READY = new Readiness(true, null);

    public static Readiness waitingFor(String reason) {
        return new Readiness(false, reason);
    }
}
