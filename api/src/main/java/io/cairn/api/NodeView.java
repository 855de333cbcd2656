package io.cairn.api;

/**
 * A storage node as operators see it: registration plus the latest heartbeat.
 *
 * @param status "healthy" or "unhealthy" (missed heartbeats)
 * @param state  "active" (takes new chunks) or "draining" (its chunks are being moved away; it still serves reads)
 * @param zone   its failure domain label, or null
 */
public record NodeView(String node_id, String url, String status, long capacity_bytes, long used_bytes,
                       long free_bytes, long chunks, int load, String registered_at, String last_heartbeat,
                       long last_heartbeat_age_ms, String state, String zone) {
    public boolean healthy() {
        return "healthy".equals(status);
    }
}
