package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link MetaCommand}s to a {@link MetaStore}, deterministically: the result and the bytes written depend only
 * on the store's state and the command, never on a clock, a random source or a hash seed. Each command becomes one
 * atomic write that also records its log position ({@link AppliedIndex}), so after a crash the store says exactly
 * which commands it holds.
 *
 * <p>A command that is invalid against the current state becomes an {@link ApplyResult.Rejected} and changes nothing
 * but the applied index. Only a failure of the store itself ({@link MetaStoreException}) escapes, because it is local
 * to this replica and the caller must stop applying.
 *
 * <p>Single-threaded by design: exactly one thread (the log's apply thread) calls {@link #apply}; not thread-safe,
 * except that any thread may read {@link #applied()}.
 */
public final class MetaStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStateMachine.class);

    private final MetaStore store;
    /** Volatile so that other threads may ask how far the apply thread got. */
    private volatile AppliedIndex applied;

    public MetaStateMachine(MetaStore store) {
        this.store = store;
        ChunkIndexes.ensureBuilt(store);
        Quotas.ensureUsageBuilt(store);
        reload();
    }

    /** Reads the applied position from the store again, after its contents were replaced from outside. */
    void reload() {
        byte[] raw = store.live().get(Keys.APPLIED_INDEX);
        applied = raw == null ? AppliedIndex.NONE : RecordCodec.decode(raw, AppliedIndex.class);
    }

    /** The position of the last command applied (written, maybe not yet synced); {@link AppliedIndex#NONE} at first. */
    public AppliedIndex applied() {
        return applied;
    }

    /**
     * Applies {@code command} as the log entry at {@code term} and {@code index} and writes its effects without
     * syncing.
     *
     * @param index greater than the applied index; a replicated log may skip indexes it uses for itself
     * @param term  not below the applied term
     * @throws IllegalArgumentException if the position is not past the applied one
     * @throws MetaStoreException       if the store fails; the command may or may not have been written
     */
    public ApplyResult apply(long term, long index, MetaCommand command) {
        return apply(term, index, List.of(command)).getFirst();
    }

    /**
     * Applies a batch of commands that share one log entry, in order, each seeing the effects of those before it, and
     * writes them all in one atomic write without syncing. A rejected command changes nothing; the others still apply.
     *
     * @return one result per command, in order
     * @throws IllegalArgumentException if the position is not past the applied one
     * @throws MetaStoreException       if the store fails; the batch may or may not have been written
     */
    public List<ApplyResult> apply(long term, long index, List<MetaCommand> commands) {
        AppliedIndex position = next(term, index);
        OverlayView overlay = new OverlayView(store.live());
        List<ApplyResult> results = new ArrayList<>(commands.size());
        for (MetaCommand command : commands) {
            Tx tx = new Tx(overlay);
            ApplyResult result = run(command, tx, index);
            if (result instanceof ApplyResult.Ok) {
                overlay.putAll(tx.changes(position));
            }
            results.add(result);
        }
        write(overlay, position);
        return results;
    }

    private static ApplyResult run(MetaCommand command, Tx tx, long index) {
        try {
            return new ApplyResult.Ok(dispatch(command, tx));
        } catch (MetaStoreException e) {
            throw e;
        } catch (CairnException e) {
            return new ApplyResult.Rejected(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug, yet deterministic (same code, same state, same command): reject on every replica alike
            // rather than stop the cluster's metadata.
            LOG.error("applying {} at index {} failed", command.getClass().getSimpleName(), index, e);
            return new ApplyResult.Rejected(ErrorCode.INTERNAL, "internal error applying "
                    + command.getClass().getSimpleName() + ": " + e);
        }
    }

    /**
     * Decodes {@code entry} ({@link CommandCodec}: one command or a batch) and applies it as
     * {@link #apply(long, long, List)} does. An entry that does not decode is rejected (one result), alike on every
     * replica since they all hold the same bytes, and still takes its place in the log: the applied index moves past
     * it.
     */
    public List<ApplyResult> apply(long term, long index, byte[] entry) {
        List<MetaCommand> commands;
        try {
            commands = CommandCodec.decodeEntry(entry);
        } catch (RuntimeException e) {
            ApplyResult.Rejected rejected = e instanceof CairnException c
                    ? new ApplyResult.Rejected(c.code(), c.getMessage())
                    : new ApplyResult.Rejected(ErrorCode.INTERNAL, "cannot decode log entry: " + e);
            write(new OverlayView(store.live()), next(term, index));
            return List.of(rejected);
        }
        return apply(term, index, commands);
    }

    /**
     * Moves the applied position past a log entry that carries no command (a Raft configuration or leader no-op
     * entry), so that the store's position, and a snapshot taken of it, covers that entry too.
     */
    public void skip(long term, long index) {
        write(new OverlayView(store.live()), next(term, index));
    }

    private AppliedIndex next(long term, long index) {
        if (index <= applied.index() || term < applied.term()) {
            throw new IllegalArgumentException("log position (term " + term + ", index " + index
                    + ") is not after the applied one " + applied);
        }
        return new AppliedIndex(term, index);
    }

    /** Writes the overlay's changes and the new position in one atomic write. */
    private void write(OverlayView overlay, AppliedIndex position) {
        overlay.putAll(Map.of(Keys.APPLIED_INDEX, RecordCodec.encode(position)));
        store.write(overlay.pending());
        applied = position;
    }

    private static Object dispatch(MetaCommand command, Tx tx) {
        return switch (command) {
            case MetaCommand.InitCluster c -> InitClusterHandler.apply(c, tx);
            case MetaCommand.CreateBucket c -> CreateBucketHandler.apply(c, tx);
            case MetaCommand.DeleteBucket c -> DeleteBucketHandler.apply(c, tx);
            case MetaCommand.RegisterNode c -> RegisterNodeHandler.apply(c, tx);
            case MetaCommand.CommitVersion c -> CommitVersionHandler.apply(c, tx);
            case MetaCommand.DeleteObject c -> DeleteObjectHandler.apply(c, tx);
            case MetaCommand.DeleteKey c -> DeleteKeyHandler.apply(c, tx);
            case MetaCommand.SetVersioning c -> SetVersioningHandler.apply(c, tx);
            case MetaCommand.SetConsistency c -> SetVersioningHandler.consistency(c, tx);
            case MetaCommand.SetOwnership c -> SetVersioningHandler.ownership(c, tx);
            case MetaCommand.SetPublicAccessBlock c -> SetVersioningHandler.publicAccessBlock(c, tx);
            case MetaCommand.CreateUpload c -> UploadHandlers.create(c, tx);
            case MetaCommand.CommitPart c -> UploadHandlers.commitPart(c, tx);
            case MetaCommand.CompleteUpload c -> UploadHandlers.complete(c, tx);
            case MetaCommand.AbortUpload c -> UploadHandlers.abort(c, tx);
            case MetaCommand.SetMetadata c -> SetMetadataHandler.apply(c, tx);
            case MetaCommand.DropReplica c -> DropReplicaHandler.apply(c, tx);
            case MetaCommand.AddCopies c -> ChunkCopyHandlers.add(c, tx);
            case MetaCommand.RetireCopies c -> ChunkCopyHandlers.retire(c, tx);
            case MetaCommand.ForgetStaleCopies c -> ChunkCopyHandlers.forgetStale(c, tx);
            case MetaCommand.DoomOrphans c -> ChunkCopyHandlers.doomOrphans(c, tx);
            case MetaCommand.DeletionsDone c -> ChunkCopyHandlers.deletionsDone(c, tx);
            case MetaCommand.CondemnChunks c -> CollectionHandlers.condemn(c, tx);
            case MetaCommand.CollectChunks c -> CollectionHandlers.collect(c, tx);
            case MetaCommand.SetNodeState c -> NodeStateHandlers.setState(c, tx);
            case MetaCommand.RemoveNode c -> NodeStateHandlers.remove(c, tx);
            case MetaCommand.CreateUser c -> IdentityHandlers.createUser(c, tx);
            case MetaCommand.SetUserEnabled c -> IdentityHandlers.setUserEnabled(c, tx);
            case MetaCommand.SetUserPolicies c -> IdentityHandlers.setUserPolicies(c, tx);
            case MetaCommand.ChangeUserPolicy c -> IdentityHandlers.changeUserPolicy(c, tx);
            case MetaCommand.DeleteUser c -> IdentityHandlers.deleteUser(c, tx);
            case MetaCommand.CreateAccessKey c -> IdentityHandlers.createAccessKey(c, tx);
            case MetaCommand.SetAccessKeyEnabled c -> IdentityHandlers.setAccessKeyEnabled(c, tx);
            case MetaCommand.DeleteAccessKey c -> IdentityHandlers.deleteAccessKey(c, tx);
            case MetaCommand.PutPolicy c -> IdentityHandlers.putPolicy(c, tx);
            case MetaCommand.DeletePolicy c -> IdentityHandlers.deletePolicy(c, tx);
            case MetaCommand.SetBucketPolicy c -> BucketPolicyHandlers.set(c, tx);
            case MetaCommand.SetAcl c -> SetAclHandler.apply(c, tx);
            case MetaCommand.SetTags c -> SetTagsHandler.apply(c, tx);
            case MetaCommand.DeleteBucketPolicy c -> BucketPolicyHandlers.delete(c, tx);
            case MetaCommand.SetBucketCors c -> BucketPolicyHandlers.cors(c, tx);
            case MetaCommand.SetQuota c -> Quotas.set(c, tx);
            case MetaCommand.CreateJoinToken c -> JoinTokenHandlers.create(c, tx);
            case MetaCommand.UseJoinToken c -> JoinTokenHandlers.use(c, tx);
        };
    }
}
