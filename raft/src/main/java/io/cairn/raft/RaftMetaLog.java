package io.cairn.raft;

import io.cairn.api.RaftStatus;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.meta.ApplyResult;
import io.cairn.meta.CommandCodec;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers' metadata log, replicated by Apache Ratis: a command submitted on any controller is sent to the
 * leader, appended to a majority's fsynced logs, applied by every controller's state machine in log order, and only
 * then acknowledged. The leader is found, and followed through elections, by the Ratis client, which retries with the
 * same call id so that Ratis's retry cache applies a retried command once.
 *
 * <p>Reads go to the local copy of the metadata after {@link #awaitReadable} has made sure it is fresh enough.
 *
 * <p>Thread-safe. Owns the Raft server and client; the {@link MetaDatabase} belongs to the caller and must outlive it.
 */
public final class RaftMetaLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftMetaLog.class);
    /** One group per cluster; peers are configured explicitly, so a fixed id is enough. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(
            UUID.nameUUIDFromBytes("cairn-controllers".getBytes(StandardCharsets.UTF_8)));
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int SNAPSHOT_CHUNK = 4 << 20;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a write waits for the local copy to catch up before it returns anyway (read-your-writes is best effort then). */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);

    private final RaftSettings settings;
    private final RaftServer server;
    private final RaftClient client;
    private final ReplicatedStateMachine machine;
    private final CommandBatcher batcher;
    private final RaftPeerId selfId;
    /** Identifies this controller's own requests to its local server (Ratis's retry cache keys on client and call id). */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();

    private RaftMetaLog(RaftSettings settings, RaftServer server, RaftClient client, ReplicatedStateMachine machine) {
        this.settings = settings;
        this.server = server;
        this.client = client;
        this.machine = machine;
        this.selfId = RaftPeerId.valueOf(settings.selfId());
        this.batcher = new CommandBatcher(this::replicate);
    }

    /** Starts this controller's Raft server; it joins (or forms) the group in the background. */
    public static RaftMetaLog start(RaftSettings requested, MetaDatabase db) throws IOException {
        RaftSettings settings = withPortChosen(requested);
        RaftGroup group = RaftGroup.valueOf(GROUP_ID, settings.startingGroup().stream().map(RaftMetaLog::peer).toList());
        // The client needs somewhere to send requests even while this controller is not a member yet.
        RaftGroup known = RaftGroup.valueOf(GROUP_ID, settings.peers().stream().map(RaftMetaLog::peer).toList());
        ReplicatedStateMachine machine = new ReplicatedStateMachine(db);
        Parameters parameters = parameters(settings.tls());
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(settings.selfId()))
                .setGroup(group)
                .setStateMachine(machine)
                .setProperties(serverProperties(settings))
                .setParameters(parameters)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        RaftClient client;
        try {
            server.start();
            client = RaftClient.newBuilder()
                    .setProperties(clientProperties())
                    .setParameters(parameters)
                    .setRaftGroup(known)
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(80,
                            TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
                    .build();
        } catch (IOException | RuntimeException e) {
            server.close(); // e.g. the Raft port is taken: release the storage lock and threads before failing
            throw e;
        }
        LOG.info("controller {} started Raft on {} with peers {}{}", settings.selfId(), settings.self().address(),
                settings.peers(), settings.tls() == null ? "" : " over mutual TLS");
        return new RaftMetaLog(settings, server, client, machine);
    }

    /**
     * A controller alone in its group may ask for port 0; its own client still needs the real port to reach it, so one
     * is chosen here (nobody else ever connects to it).
     */
    private static RaftSettings withPortChosen(RaftSettings settings) {
        String address = settings.self().address();
        if (settings.peers().size() > 1 || !address.endsWith(":0")) {
            return settings;
        }
        String chosen = address.substring(0, address.length() - 1) + ControllerPeer.freeLoopbackPort();
        return new RaftSettings(settings.selfId(), List.of(new ControllerPeer(settings.selfId(), chosen)),
                settings.storageDir(), settings.electionTimeout(), settings.snapshotEvery(), settings.staleReadBound(),
                false, settings.tls());
    }

    /**
     * One TLS configuration for all of Ratis's gRPC: the server's port, its calls to the other peers, and this
     * controller's client; mutual, so each side checks the other's certificate.
     */
    private static Parameters parameters(PeerTls tls) {
        Parameters parameters = new Parameters();
        if (tls != null) {
            GrpcConfigKeys.TLS.setConf(parameters, new GrpcTlsConfig(tls.keys(), tls.trust(), true));
        }
        return parameters;
    }

    private static RaftProperties serverProperties(RaftSettings settings) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        String address = settings.self().address();
        GrpcConfigKeys.Server.setPort(p, Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        RaftServerConfigKeys.setStorageDir(p, List.of(settings.storageDir().toFile()));
        long election = settings.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(Math.max(3000, 3 * election),
                TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Read.setTimeout(p, TimeDuration.valueOf(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotEvery());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Only closed segments are purged: size them so that a snapshot interval spans several (~500 B per entry).
        long segment = Math.clamp(settings.snapshotEvery() * 512, 16 << 10, 32 << 20);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segment));
        // Keep some log behind a snapshot, so a follower briefly down catches up from the log, not a whole snapshot.
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, Math.min(10_000, settings.snapshotEvery()));
        // Ratis purges only when a snapshot is this far past the last purge (default 1,024 entries).
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, settings.snapshotEvery()));
        // A snapshot stream that fails at once (a restarted follower's channel still backing off) does not release
        // the leader's send window: the appender then waits out the whole stream timeout (request timeout x window)
        // before it retries, 24 s by default. 1 s per 4 MiB chunk bounds that wait at 8 s and still asks no more than
        // 4 MB/s of a healthy follower.
        RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf(SNAPSHOT_CHUNK));
        GrpcConfigKeys.Server.setInstallSnapshotRequestTimeout(p, TimeDuration.valueOf(1, TimeUnit.SECONDS));
        return p;
    }

    private static RaftProperties clientProperties() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, 1000);
        RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);
        return p;
    }

    private static RaftPeer peer(ControllerPeer peer) {
        return RaftPeer.newBuilder().setId(peer.id()).setAddress(peer.address()).build();
    }

    // ---- writes --------------------------------------------------------------------------------------------------

    /**
     * Replicates and applies {@code command}, in one log entry with whatever other commands are waiting
     * ({@link CommandBatcher}). The future completes with the result once a majority has it and this controller has
     * applied it too (so local reads see it), or fails with UNAVAILABLE if no leader could be reached in time, in which
     * case the command may or may not have been applied.
     */
    public CompletableFuture<ApplyResult> submit(MetaCommand command) {
        return batcher.submit(command);
    }

    private CompletableFuture<List<ApplyResult>> replicate(List<MetaCommand> commands) {
        byte[] entry = commands.size() == 1 ? CommandCodec.encode(commands.getFirst())
                : CommandCodec.encodeBatch(commands);
        Message message = Message.valueOf(ByteString.copyFrom(entry));
        CompletableFuture<RaftClientReply> sent = isLeader()
                ? submitLocally(message).thenCompose(reply -> redirected(reply)
                        ? client.async().send(message) : CompletableFuture.completedFuture(reply))
                : client.async().send(message);
        return sent.thenCompose(reply -> {
            if (!reply.isSuccess()) {
                throw new CompletionException(unavailable("the metadata change failed", reply.getException()));
            }
            List<ApplyResult> results = ResultCodec.decode(commands, reply.getMessage().getContent().toByteArray());
            return machine.waiter().await(reply.getLogIndex())
                    .completeOnTimeout(null, CATCH_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(ignored -> results);
        }).exceptionallyCompose(e -> CompletableFuture.failedFuture(asCairn(e)));
    }

    /**
     * The leader's own commands skip the RPC layer. If leadership was lost meanwhile, nothing was appended and the
     * command goes through the client, which finds the new leader.
     */
    private CompletableFuture<RaftClientReply> submitLocally(Message message) {
        try {
            return server.submitClientRequestAsync(request(localClientId, localCallIds, message,
                    RaftClientRequest.writeRequestType(), WRITE_TIMEOUT));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean redirected(RaftClientReply reply) {
        return reply.getNotLeaderException() != null || reply.getException() instanceof LeaderNotReadyException;
    }

    private RaftClientRequest request(ClientId clientId, AtomicLong callIds, Message message,
                                      RaftClientRequest.Type type, Duration timeout) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(selfId)
                .setGroupId(GROUP_ID)
                .setCallId(callIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .setTimeoutMs(timeout.toMillis())
                .build();
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    /**
     * Returns once this controller's metadata is fresh enough for a read of the given consistency.
     *
     * @throws CairnException UNAVAILABLE if no leader confirms the read in time
     */
    public void awaitReadable(ReadConsistency consistency) {
        if (consistency == ReadConsistency.EVENTUAL && recentlyHeardFromLeader()) {
            return;
        }
        RaftClientReply reply;
        try {
            reply = server.submitClientRequestAsync(request(localClientId, localCallIds, Message.EMPTY,
                    RaftClientRequest.readRequestType(), READ_TIMEOUT)).get(READ_TIMEOUT.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw asCairn(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted");
        }
        if (!reply.isSuccess()) {
            throw unavailable("the metadata read could not be confirmed", reply.getException());
        }
    }

    private boolean recentlyHeardFromLeader() {
        RoleInfoProto role = division().getInfo().getRoleInfoProto();
        return switch (role.getRole()) {
            case LEADER -> true;
            case FOLLOWER -> role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs()
                    < settings.staleReadBound().toMillis();
            default -> false;
        };
    }

    // ---- group management ----------------------------------------------------------------------------------------

    public boolean isLeader() {
        return division().getInfo().isLeader();
    }

    /** Waits until the group has a leader this controller knows of; false on timeout. */
    public boolean awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (division().getInfo().getLeaderId() != null) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public RaftStatus status() {
        RaftServer.Division division = division();
        var info = division.getInfo();
        RaftPeerId leader = info.getLeaderId();
        Map<String, Long> commits = new HashMap<>();
        for (CommitInfoProto commit : division.getCommitInfos()) {
            commits.put(RaftPeerId.valueOf(commit.getServer().getId()).toString(), commit.getCommitIndex());
        }
        long selfCommit = division.getRaftLog().getLastCommittedIndex();
        commits.put(settings.selfId(), selfCommit);
        long highest = commits.values().stream().mapToLong(Long::longValue).max().orElse(selfCommit);
        List<RaftStatus.Peer> peers = new ArrayList<>();
        for (RaftPeer peer : division.getGroup().getPeers()) {
            String id = peer.getId().toString();
            long commit = commits.getOrDefault(id, -1L);
            peers.add(new RaftStatus.Peer(id, peer.getAddress(), commit, commit < 0 ? -1 : highest - commit,
                    peer.getId().equals(leader)));
        }
        SnapshotInfo snapshot = machine.getLatestSnapshot();
        return new RaftStatus(settings.selfId(), info.getCurrentRole().name(), leader == null ? null : leader.toString(),
                info.getCurrentTerm(), selfCommit, info.getLastAppliedIndex(),
                snapshot == null ? -1 : snapshot.getIndex(), peers);
    }

    /** The group's current voting members. */
    public List<ControllerPeer> members() {
        return division().getGroup().getPeers().stream()
                .map(p -> new ControllerPeer(p.getId().toString(), p.getAddress())).toList();
    }

    /**
     * Adds a controller to the group (the leader first brings it up to date, then switches configuration through
     * joint consensus). The new controller must already run, started as joining ({@link RaftSettings#joining()}).
     */
    public List<ControllerPeer> addController(ControllerPeer added) {
        List<ControllerPeer> members = new ArrayList<>(members());
        if (members.stream().anyMatch(p -> p.id().equals(added.id()))) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "controller " + added.id() + " is already a member");
        }
        members.add(added);
        // A fresh snapshot on the leader lets the newcomer start from it rather than replay the log, and covers any
        // earlier removal of a controller with the same id, which it must not replay (it would shut itself down).
        snapshotOnLeader();
        return reconfigure(members);
    }

    /** Removes a controller from the group; the group must keep at least one member. */
    public List<ControllerPeer> removeController(String id) {
        List<ControllerPeer> members = new ArrayList<>(members());
        if (!members.removeIf(p -> p.id().equals(id))) {
            throw CairnException.notFound("controller " + id + " is not a member");
        }
        if (members.isEmpty()) {
            throw CairnException.invalidArgument("cannot remove the last controller");
        }
        return reconfigure(members);
    }

    private List<ControllerPeer> reconfigure(List<ControllerPeer> members) {
        try {
            RaftClientReply reply = client.admin().setConfiguration(members.stream().map(RaftMetaLog::peer).toList());
            if (!reply.isSuccess()) {
                throw unavailable("the membership change failed", reply.getException());
            }
        } catch (IOException e) {
            throw asCairn(e);
        }
        LOG.info("controller group is now {}", members);
        return List.copyOf(members);
    }

    private void snapshotOnLeader() {
        try {
            RaftClientReply reply = client.getSnapshotManagementApi().create(1, READ_TIMEOUT.toMillis());
            if (!reply.isSuccess()) {
                throw unavailable("the leader could not take a snapshot", reply.getException());
            }
        } catch (IOException e) {
            throw asCairn(e);
        }
    }

    /** Takes a snapshot of this controller's metadata now; returns its log index (-1 if there is nothing yet). */
    public long takeSnapshot() {
        long applied = machine.getLastAppliedTermIndex() == null ? -1 : machine.getLastAppliedTermIndex().getIndex();
        try {
            // Gap 1: snapshot if anything was applied since the last one (Ratis's default skips the first 1,024).
            RaftClientReply reply = client.getSnapshotManagementApi(selfId).create(1, READ_TIMEOUT.toMillis());
            if (!reply.isSuccess()) {
                throw unavailable("the snapshot failed", reply.getException());
            }
        } catch (IOException e) {
            throw asCairn(e);
        }
        // Ratis answers once the request is accepted; the apply thread takes the snapshot right after.
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (true) {
            SnapshotInfo latest = machine.getLatestSnapshot();
            long index = latest == null ? -1 : latest.getIndex();
            if (index >= applied || System.nanoTime() > deadline) {
                return index;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return index;
            }
        }
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(GROUP_ID);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "the Raft server is not running: " + e.getMessage(), e);
        }
    }

    private static CairnException asCairn(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CairnException ce) {
            return ce;
        }
        return unavailable("no controller leader could be reached", cause);
    }

    private static CairnException unavailable(String what, Throwable cause) {
        String detail = cause == null ? "" : ": " + cause.getClass().getSimpleName() + " " + cause.getMessage();
        return new CairnException(ErrorCode.UNAVAILABLE, what + detail + "; retry", cause);
    }

    /** Stops this controller's Raft server; the others go on (and elect a new leader if this was it). */
    @Override
    public void close() {
        batcher.close();
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft client failed", e);
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft server failed", e);
        }
    }
}
