package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link MetaCommand}s to a {@link MetaStore}, deterministically: the result and the bytes written depend only
 * on the store's state and the command, never on a clock, a random source or a hash seed. Each command becomes one
 * atomic write that also records its log index, so after a crash the store says exactly which commands it holds.
 *
 * <p>A command that is invalid against the current state becomes an {@link ApplyResult.Rejected} and changes nothing
 * but the applied index. Only a failure of the store itself ({@link MetaStoreException}) escapes, because it is local
 * to this replica and the caller must stop applying.
 *
 * <p>Single-threaded by design: exactly one thread (the log's apply thread) calls {@link #apply}; not thread-safe.
 */
public final class MetaStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStateMachine.class);

    private final MetaStore store;
    private long appliedIndex;

    public MetaStateMachine(MetaStore store) {
        this.store = store;
        byte[] raw = store.live().get(Keys.APPLIED_INDEX);
        this.appliedIndex = raw == null ? 0 : RecordCodec.decode(raw, Long.class);
    }

    /** The log index of the last command applied (written, maybe not yet synced); 0 for a new store. */
    public long appliedIndex() {
        return appliedIndex;
    }

    /**
     * Applies {@code command} as log entry {@code index} and writes its effects without syncing.
     *
     * @param index greater than {@link #appliedIndex()}; a replicated log may skip indexes it uses for itself
     * @throws IllegalArgumentException if {@code index} is not past the applied index
     * @throws MetaStoreException       if the store fails; the command may or may not have been written
     */
    public ApplyResult apply(long index, MetaCommand command) {
        if (index <= appliedIndex) {
            throw new IllegalArgumentException("log index " + index + " is not after the applied index "
                    + appliedIndex);
        }
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
        store.write(tx.changes(index));
        appliedIndex = index;
        return result;
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
