package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
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
        AppliedIndex position = next(term, index);
        Tx tx = new Tx(store.live());
        ApplyResult result;
        try {
            result = new ApplyResult.Ok(dispatch(command, tx));
        } catch (MetaStoreException e) {
            throw e;
        } catch (CairnException e) {
            tx = new Tx(store.live());
            result = new ApplyResult.Rejected(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug, yet deterministic (same code, same state, same command): reject on every replica alike
            // rather than stop the cluster's metadata.
            LOG.error("applying {} at index {} failed", command.getClass().getSimpleName(), index, e);
            tx = new Tx(store.live());
            result = new ApplyResult.Rejected(ErrorCode.INTERNAL, "internal error applying "
                    + command.getClass().getSimpleName() + ": " + e);
        }
        write(tx, position);
        return result;
    }

    /**
     * Decodes {@code entry} ({@link CommandCodec}) and applies it as {@link #apply(long, long, MetaCommand)} does. An
     * entry that does not decode is rejected, alike on every replica since they all hold the same bytes, and still
     * takes its place in the log: the applied index moves past it.
     */
    public ApplyResult apply(long term, long index, byte[] entry) {
        MetaCommand command;
        try {
            command = CommandCodec.decode(entry);
        } catch (RuntimeException e) {
            ApplyResult.Rejected rejected = e instanceof CairnException c
                    ? new ApplyResult.Rejected(c.code(), c.getMessage())
                    : new ApplyResult.Rejected(ErrorCode.INTERNAL, "cannot decode log entry: " + e);
            write(new Tx(store.live()), next(term, index));
            return rejected;
        }
        return apply(term, index, command);
    }

    /**
     * Moves the applied position past a log entry that carries no command (a Raft configuration or leader no-op
     * entry), so that the store's position, and a snapshot taken of it, covers that entry too.
     */
    public void skip(long term, long index) {
        write(new Tx(store.live()), next(term, index));
    }

    private AppliedIndex next(long term, long index) {
        if (index <= applied.index() || term < applied.term()) {
            throw new IllegalArgumentException("log position (term " + term + ", index " + index
                    + ") is not after the applied one " + applied);
        }
        return new AppliedIndex(term, index);
    }

    private void write(Tx tx, AppliedIndex position) {
        store.write(tx.changes(position));
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
            case MetaCommand.SetMetadata c -> SetMetadataHandler.apply(c, tx);
            case MetaCommand.DropReplica c -> DropReplicaHandler.apply(c, tx);
        };
    }
}
