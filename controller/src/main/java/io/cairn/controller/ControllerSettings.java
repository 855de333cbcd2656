package io.cairn.controller;

import io.cairn.raft.RaftSettings;
import io.cairn.raft.ReadConsistency;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dataDir           the controller's directory: RocksDB metadata in {@code db/}, the Raft log and snapshots
 *                          in {@code raft/} (seed's METADATA_PATH)
 * @param replicationFactor replicas per chunk when an upload does not ask for a number
 * @param nodeTimeout       a node silent this long is unhealthy
 * @param raft              this controller's place in the controller group
 * @param reads             how fresh metadata reads must be
 * @param uploadExpiry      multipart uploads left open this long are aborted (by the leader)
 * @param keeper            repair, trimming, draining, balancing and garbage collection (by the leader)
 */
public record ControllerSettings(Path dataDir, int replicationFactor, Duration nodeTimeout, RaftSettings raft,
                                 ReadConsistency reads, Duration uploadExpiry, KeeperSettings keeper) {
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofDays(7);


    /** A controller alone in its group, its Raft port chosen by the system (nobody else needs to reach it). */
    public static ControllerSettings single(Path dataDir, int replicationFactor, Duration nodeTimeout) {
        return new ControllerSettings(dataDir, replicationFactor, nodeTimeout,
                RaftSettings.single("c1", "127.0.0.1:0", raftDir(dataDir)), ReadConsistency.LINEARIZABLE,
                DEFAULT_UPLOAD_EXPIRY, KeeperSettings.DEFAULTS);
    }

    public ControllerSettings withKeeper(KeeperSettings newKeeper) {
        return new ControllerSettings(dataDir, replicationFactor, nodeTimeout, raft, reads, uploadExpiry, newKeeper);
    }

    public static Path raftDir(Path dataDir) {
        return dataDir.resolve("raft");
    }

    public Path metadataDir() {
        return dataDir.resolve("db");
    }
}
