package io.cairn.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one controller takes part in the Raft group.
 *
 * @param selfId            this controller's id; must be one of {@code peers}
 * @param peers             the group as this controller starts it (all voting members)
 * @param storageDir        where Ratis keeps its log, vote and snapshots (a directory of its own)
 * @param electionTimeout   a follower that hears nothing from a leader for between this and twice this starts an
 *                          election; also bounds how long a dead leader goes unnoticed
 * @param snapshotEvery     log entries between two automatic snapshots (the log behind a snapshot is purged)
 * @param staleReadBound    how far behind its leader a follower may be and still answer an "eventual" read itself
 * @param joining           start as a controller about to be added to a running group: wait to be contacted by its
 *                          leader instead of campaigning (a candidate the group does not know is told to shut down)
 * @param tls               mutual TLS with the other controllers (every one of the group must have it alike); null
 *                          for plain gRPC
 */
public record RaftSettings(String selfId, List<ControllerPeer> peers, Path storageDir, Duration electionTimeout,
                           long snapshotEvery, Duration staleReadBound, boolean joining, PeerTls tls) {
    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(1000);
    public static final long DEFAULT_SNAPSHOT_EVERY = 100_000;
    public static final Duration DEFAULT_STALE_READ_BOUND = Duration.ofSeconds(5);

    public RaftSettings {
        Objects.requireNonNull(selfId, "selfId");
        peers = List.copyOf(peers);
        Objects.requireNonNull(storageDir, "storageDir");
        if (peers.stream().noneMatch(p -> p.id().equals(selfId))) {
            throw new IllegalArgumentException("controller " + selfId + " is not in its own peer list " + peers);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be positive");
        }
    }

    /** A group of one: the controller alone, which is what a single-controller cluster runs. */
    public static RaftSettings single(String selfId, String address, Path storageDir) {
        return new RaftSettings(selfId, List.of(new ControllerPeer(selfId, address)), storageDir,
                DEFAULT_ELECTION_TIMEOUT, DEFAULT_SNAPSHOT_EVERY, DEFAULT_STALE_READ_BOUND, false, null);
    }

    public RaftSettings withTls(PeerTls newTls) {
        return new RaftSettings(selfId, peers, storageDir, electionTimeout, snapshotEvery, staleReadBound, joining,
                newTls);
    }

    /**
     * The group this controller's Raft server starts with: none while joining (it then waits for a leader to contact
     * it), else all peers. Once it has a configuration of its own, Ratis keeps it in its storage and uses that.
     */
    public List<ControllerPeer> startingGroup() {
        return joining ? List.of() : peers;
    }

    public ControllerPeer self() {
        return peers.stream().filter(p -> p.id().equals(selfId)).findFirst().orElseThrow();
    }
}
