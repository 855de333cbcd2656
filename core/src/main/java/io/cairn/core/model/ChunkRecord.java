package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * What the controller has logged about a chunk.
 *
 * @param copies      the copies recorded as durable, at most one per node (some may be on an old incarnation of
 *                    their node's store, and so count nowhere)
 * @param refCount    how many places (versions, parts of open uploads) list the chunk
 * @param replication the most copies any of them asked for
 * @param condemnedAt 0, or when garbage collection logged that nothing referenced the chunk (its grace period
 *                    starts then; a new reference revives it)
 * @param doomed      copies a logged decision gave up (collected, trimmed, moved, orphaned) whose deletion the
 *                    nodes have not yet confirmed; a commit never counts one of them
 */
public record ChunkRecord(ChunkId id, int size, List<Copy> copies, long refCount, int replication,
                          long condemnedAt, List<Copy> doomed) {
    public ChunkRecord {
        copies = copies == null ? List.of() : List.copyOf(copies);
        doomed = doomed == null ? List.of() : List.copyOf(doomed);
    }

    /** The nodes recorded as holding a copy, whatever the copy's incarnation. */
    @JsonIgnore
    public List<NodeId> replicas() {
        return copies.stream().map(Copy::node).toList();
    }

    @JsonIgnore
    public Optional<Copy> copyOn(NodeId node) {
        return copies.stream().filter(c -> c.node().equals(node)).findFirst();
    }

    public ChunkRecord withCopies(List<Copy> newCopies) {
        return new ChunkRecord(id, size, newCopies, refCount, replication, condemnedAt, doomed);
    }

    public ChunkRecord withDoomed(List<Copy> newDoomed) {
        return new ChunkRecord(id, size, copies, refCount, replication, condemnedAt, newDoomed);
    }

    public ChunkRecord withReferences(long newRefCount, int newReplication, long newCondemnedAt) {
        return new ChunkRecord(id, size, copies, newRefCount, newReplication, newCondemnedAt, doomed);
    }
}
