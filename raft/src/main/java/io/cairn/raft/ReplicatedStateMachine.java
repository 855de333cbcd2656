package io.cairn.raft;

import io.cairn.meta.AppliedIndex;
import io.cairn.meta.ApplyResult;
import io.cairn.meta.MetaDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meta state machine as Ratis sees it. Committed log entries are applied to the {@link MetaDatabase} in log order
 * on Ratis's apply thread, written without an fsync of their own: the Raft log, fsynced by Ratis on a majority before
 * an entry commits, is the durable record, and after a crash Ratis replays the log from the latest snapshot while the
 * database skips the entries it already holds.
 *
 * <p>Snapshots are RocksDB checkpoints ({@link CheckpointSnapshots}). Installing one received from the leader replaces
 * the database's contents with the checkpoint's ({@link #reinitialize()}).
 */
final class ReplicatedStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedStateMachine.class);

    private final MetaDatabase db;
    private final CheckpointSnapshots snapshots = new CheckpointSnapshots();
    private final AppliedIndexWaiter waiter = new AppliedIndexWaiter();

    ReplicatedStateMachine(MetaDatabase db) {
        this.db = db;
    }

    AppliedIndexWaiter waiter() {
        return waiter;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId group, RaftStorage storage) throws IOException {
        super.initialize(server, group, storage);
        getLifeCycle().transition(LifeCycle.State.STARTING);
        snapshots.init(storage);
        AppliedIndex applied = db.applied();
        if (snapshots.getLatestSnapshot() == null && applied.term() == 0 && applied.index() > 0) {
            // Metadata written before controllers ran Raft (its positions are term 0). It becomes the group's first
            // snapshot, so the log starts after it and a controller added later receives it whole.
            snapshots.take(TermIndex.valueOf(0, applied.index()), db::checkpoint);
            LOG.info("adopted metadata from before Raft at index {} as the first snapshot", applied.index());
        }
        SnapshotInfo latest = snapshots.getLatestSnapshot();
        if (latest != null && db.applied().index() < latest.getIndex()) {
            // The database lost what the snapshot holds (e.g. its directory was wiped): start from the snapshot.
            restoreLatest();
        }
        // Ratis replays from the snapshot; entries the database already holds are skipped by MetaDatabase.apply.
        if (latest != null) {
            updateLastAppliedTermIndex(latest.getTermIndex());
        }
        LOG.info("metadata at {} (database), latest snapshot {}", db.applied(), latest == null ? "none"
                : latest.getTermIndex());
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        List<ApplyResult> results = db.apply(entry.getTerm(), entry.getIndex(), data);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        waiter.advance(entry.getIndex());
        // A skipped entry (replayed after a restart) has no caller waiting for it.
        return CompletableFuture.completedFuture(results == null ? Message.EMPTY
                : Message.valueOf(ByteString.copyFrom(ResultCodec.encode(results))));
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        // Configuration and leader no-op entries: nothing to apply, but the position moves (so that a snapshot covers
        // a membership change, and a controller installing it never replays one that removed it) and reads waiting for
        // this index may go on.
        db.skip(term, index);
        super.notifyTermIndexUpdated(term, index);
        waiter.advance(index);
    }

    /** A read barrier: Ratis calls this once the replica has applied everything committed when the read started. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /** Named after the database's position, which is Ratis's last applied entry (commands and the others alike). */
    @Override
    public long takeSnapshot() throws IOException {
        AppliedIndex applied = db.applied();
        if (applied.index() <= 0) {
            return -1;
        }
        TermIndex at = TermIndex.valueOf(applied.term(), applied.index());
        snapshots.take(at, db::checkpoint);
        LOG.info("snapshot taken at {}", at);
        return at.getIndex();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return snapshots.getLatestSnapshot();
    }

    /** Ratis installed a snapshot from the leader (it paused us first): load it. */
    @Override
    public void reinitialize() throws IOException {
        snapshots.refresh();
        SnapshotInfo latest = snapshots.getLatestSnapshot();
        if (latest == null) {
            throw new IOException("reinitialize without a snapshot");
        }
        restoreLatest();
        updateLastAppliedTermIndex(latest.getTermIndex());
        waiter.advance(latest.getIndex());
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    private void restoreLatest() {
        Path dir = snapshots.latestDir().orElseThrow();
        LOG.info("loading the metadata from snapshot {}", dir.getFileName());
        db.restore(dir);
    }
}
