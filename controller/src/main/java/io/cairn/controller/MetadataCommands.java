package io.cairn.controller;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.meta.MetaCommand;
import io.cairn.raft.RaftMetaLog;
import io.cairn.raft.ReadConsistency;
import java.util.concurrent.ExecutionException;

/**
 * The controller's one way to change metadata (submit a command to the replicated log and wait until it is applied
 * here) and to make reads fresh enough. Thread-safe.
 */
public final class MetadataCommands {
    private final RaftMetaLog log;
    private final ReadConsistency reads;

    public MetadataCommands(RaftMetaLog log, ReadConsistency reads) {
        this.log = log;
        this.reads = reads;
    }

    /**
     * Submits {@code command} and returns its result.
     *
     * @throws CairnException the command's rejection, or UNAVAILABLE/INTERNAL when the log could not take it
     */
    public <T> T submit(MetaCommand command, Class<T> type) {
        try {
            return type.cast(log.submit(command).get().orThrow(Object.class));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CairnException ce) {
                throw ce;
            }
            throw new CairnException(ErrorCode.INTERNAL, "metadata write failed", e.getCause());
        }
    }

    /**
     * Makes the local metadata fresh enough for a read at the configured consistency. Write-path lookups (placement,
     * dedup, registration) skip it: the commit re-validates what they decided against the log's order.
     */
    public void fresh() {
        log.awaitReadable(reads);
    }

    /** Whether this controller leads the group now (it may stop leading at any moment). */
    public boolean leading() {
        return log.isLeader();
    }

    public RaftMetaLog log() {
        return log;
    }
}
