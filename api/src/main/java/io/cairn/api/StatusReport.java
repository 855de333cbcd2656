package io.cairn.api;

import java.util.List;

/**
 * Cluster summary for {@code GET /status}. {@code status} is "healthy" when at least the default replication factor of
 * nodes is healthy and every node is, "degraded" when some node is down but writes can still be placed, and
 * "unavailable" when writes cannot be placed. {@code controllers} is the controller group as the answering controller
 * sees it. {@code quotas} lists every quota set, with what its bucket or user holds.
 */
public record StatusReport(String status, String cluster_id, int nodes, int healthy_nodes, long total_files,
                           long total_versions, long total_chunks, long logical_bytes, long storage_used_bytes,
                           String storage_used, long capacity_bytes, long free_bytes, int replication_factor,
                           long uptime_seconds, String uptime, RaftStatus controllers, List<QuotaInfo> quotas) {
}
