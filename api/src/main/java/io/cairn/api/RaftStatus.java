package io.cairn.api;

import java.util.List;

/**
 * The controller group as one controller sees it, for {@code GET /leader/status}, {@code /status} and metrics.
 *
 * @param self           this controller's id
 * @param role           LEADER, FOLLOWER or CANDIDATE
 * @param leader         the leader's id, or null while there is none (an election is running)
 * @param term           the current Raft term; it grows by one per election
 * @param commit_index   the highest log index this controller knows to be committed
 * @param applied_index  the highest log index applied to this controller's metadata
 * @param snapshot_index the log index of this controller's latest snapshot (-1 if none)
 * @param peers          every member of the group; commit indexes of others are as last reported to this controller
 *                       (exact on the leader, which hears from every follower with each heartbeat)
 */
public record RaftStatus(String self, String role, String leader, long term, long commit_index, long applied_index,
                         long snapshot_index, List<Peer> peers) {
    public RaftStatus {
        peers = List.copyOf(peers);
    }

    /**
     * @param commit_index the peer's commit index as known here, -1 if unknown
     * @param lag          entries the peer's commit index is behind the highest one known here, -1 if unknown
     */
    public record Peer(String id, String address, long commit_index, long lag, boolean leader) {
    }
}
