package io.cairn.app;

import io.cairn.app.config.ConfigException;
import io.cairn.app.config.ConfigSource;
import io.cairn.controller.ControllerSettings;
import io.cairn.core.CairnException;
import io.cairn.raft.ControllerPeer;
import io.cairn.raft.RaftSettings;
import io.cairn.raft.ReadConsistency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a controller takes part in the controller group (Raft): shared by {@code controller} and {@code server}. */
final class ControllerGroupOptions {
    static final int DEFAULT_RAFT_PORT = 9870;

    @Option(names = "--id", paramLabel = "ID", description = "This controller's id in the group (CONTROLLER_ID, default c1).")
    String id;

    @Option(names = "--raft-port", paramLabel = "PORT", description = "Port of the Raft endpoint (RAFT_PORT, default 9870; taken from --peers when listed there).")
    String raftPort;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...", description = "Every controller of the group, this one included (CONTROLLER_PEERS). Without it the controller runs alone.")
    String peers;

    @Option(names = "--join", description = "Start as a controller about to be added to a running group (then: cairn admin controllers add ID=HOST:PORT); it waits for the leader instead of campaigning. Also how a controller that lost its data directory rejoins, after being removed.")
    boolean join;

    @Option(names = "--read-consistency", paramLabel = "LEVEL", description = "linearizable (default) or eventual: let a follower answer metadata reads from its own copy if it heard from the leader within 5 s (READ_CONSISTENCY).")
    String readConsistency;

    @Option(names = "--election-timeout", paramLabel = "DURATION", description = "A follower that hears no leader for 1-2x this starts an election (ELECTION_TIMEOUT, default 1s).")
    String electionTimeout;

    @Option(names = "--snapshot-every", paramLabel = "N", description = "Log entries between metadata snapshots; the log behind a snapshot is purged (SNAPSHOT_EVERY, default 100000).")
    String snapshotEvery;

    /** @param advertiseHost the host other controllers reach this one at, when it runs alone and names no peers */
    RaftSettings raft(ConfigSource src, Path dataDir, String advertiseHost) {
        String self = src.string(id, "--id", "CONTROLLER_ID", "c1");
        String peerList = src.string(peers, "--peers", "CONTROLLER_PEERS", null);
        Integer port = src.string(raftPort, "--raft-port", "RAFT_PORT", null) == null ? null
                : src.integer(raftPort, "--raft-port", "RAFT_PORT", DEFAULT_RAFT_PORT, 0, 65535);
        List<ControllerPeer> group;
        try {
            group = peerList == null
                    ? List.of(new ControllerPeer(self, advertiseHost + ":" + (port == null ? DEFAULT_RAFT_PORT : port)))
                    : ControllerPeer.parseList(peerList);
        } catch (CairnException e) {
            throw new ConfigException("--peers: " + e.getMessage());
        }
        ControllerPeer me = group.stream().filter(p -> p.id().equals(self)).findFirst().orElseThrow(
                () -> new ConfigException("--id " + self + " is not in --peers " + peerList));
        if (port != null && !me.address().endsWith(":" + port)) {
            throw new ConfigException("--raft-port " + port + " differs from this controller's entry " + me
                    + " in --peers");
        }
        Duration election = src.duration(electionTimeout, "--election-timeout", "ELECTION_TIMEOUT",
                RaftSettings.DEFAULT_ELECTION_TIMEOUT, Duration.ofMillis(100));
        int every = src.integer(snapshotEvery, "--snapshot-every", "SNAPSHOT_EVERY",
                (int) RaftSettings.DEFAULT_SNAPSHOT_EVERY, 10, Integer.MAX_VALUE);
        if (join && group.size() < 2) {
            throw new ConfigException("--join needs --peers naming the running group and this controller");
        }
        return new RaftSettings(self, group, ControllerSettings.raftDir(dataDir), election, every,
                RaftSettings.DEFAULT_STALE_READ_BOUND, join, null);
    }

    ReadConsistency reads(ConfigSource src) {
        String level = src.string(readConsistency, "--read-consistency", "READ_CONSISTENCY", "linearizable");
        try {
            return ReadConsistency.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--read-consistency must be linearizable or eventual, got '" + level + "'");
        }
    }
}
