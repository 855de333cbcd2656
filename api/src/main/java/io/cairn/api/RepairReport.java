package io.cairn.api;

import java.util.List;

/**
 * What {@code POST /files/{name}/repair} found and did: every copy of every chunk of the version was re-hashed by its
 * node; bad ones were dropped (and quarantined by their node), and chunks short of copies were given new ones.
 *
 * @param healthy whether every chunk now has its replication of intact copies on healthy nodes
 */
public record RepairReport(String filename, long version, int chunks, int copies_checked, int copies_bad,
                           int copies_unreachable, int copies_added, boolean healthy, List<ChunkRepair> repaired) {
    public RepairReport {
        repaired = List.copyOf(repaired);
    }

    /** A chunk that needed something: which copies were bad or unreachable, how many were added. */
    public record ChunkRepair(String id, List<String> bad, List<String> unreachable, int added, int copies) {
        public ChunkRepair {
            bad = List.copyOf(bad);
            unreachable = List.copyOf(unreachable);
        }
    }
}
