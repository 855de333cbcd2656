package io.cairn.api;

import java.util.List;

/**
 * How far the cluster is from full redundancy and how its space comes back, as the controller group's leader sees it
 * ({@code GET /recovery/status}). The copy figures come from the leader's last pass over the chunk map; the byte
 * figures of garbage collection are kept by the metadata itself.
 *
 * @param under_replicated_chunks    referenced chunks with fewer counting copies than their replication
 * @param single_copy_chunks         of those, chunks with one counting copy left
 * @param unrecoverable_chunks       referenced chunks with no healthy copy to repair from (until a node comes back)
 * @param repair_queue               copy jobs waiting
 * @param repair_bytes_per_second    bytes copied per second over the last minute
 * @param seconds_to_full_redundancy at that rate; -1 when nothing is being copied
 * @param unreferenced_bytes         chunks no version references, waiting for their grace period
 * @param pending_delete_bytes       copies given up, waiting for their node to delete them
 * @param draining                   nodes being drained and the copies they still hold
 */
public record RecoveryStatus(boolean leader, String last_pass_at, long under_replicated_chunks,
                             long under_replicated_bytes, long single_copy_chunks, long unrecoverable_chunks,
                             long over_replicated_chunks, long repair_queue, long repairs_done, long repairs_failed,
                             long repaired_bytes, double repair_bytes_per_second, long seconds_to_full_redundancy,
                             long trimmed_copies, long missing_copies_found, long orphans_doomed,
                             long unreferenced_bytes, long pending_delete_bytes, long reclaimed_bytes,
                             long corrupt_copies_found, List<Draining> draining) {
    public RecoveryStatus {
        draining = draining == null ? List.of() : List.copyOf(draining);
    }

    /** A node being drained: how many copies it still holds. */
    public record Draining(String node_id, long chunks_left) {
    }
}
