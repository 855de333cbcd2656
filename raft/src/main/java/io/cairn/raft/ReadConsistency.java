package io.cairn.raft;

/** How fresh a metadata read on this controller must be. */
public enum ReadConsistency {
    /**
     * Reflects every write acknowledged before the read started, on any controller (Raft read index; the leader
     * answers from its lease without a round trip, a follower asks the leader for the commit index first).
     */
    LINEARIZABLE,
    /**
     * Answered from this controller's own copy if it heard from the leader within the configured bound, so it may miss
     * writes made in the last moments elsewhere; for list-heavy workloads that tolerate that
     * ({@code READ_CONSISTENCY=eventual}; docs/design/0003-controller-group.md).
     */
    EVENTUAL
}
