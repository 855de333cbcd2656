package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@link MetaCommand.CommitVersion}: the moment an upload becomes visible. Every chunk must be durable somewhere: either
 * this upload wrote it, or (dedup) the chunk map still records a replica. The latter is re-checked here rather than
 * trusted from the gateway's earlier lookup, because a replica may have been dropped since.
 */
final class CommitVersionHandler {
    private CommitVersionHandler() {
    }

    static ObjectVersion apply(MetaCommand.CommitVersion command, Tx tx) {
        String bucket = tx.requireBucket(command.bucket()).name();
        String key = Keys.requireStorable(command.key());
        checkArguments(command);
        ObjectHead head = tx.head(bucket, key);
        if (command.ifNoneMatch() && head != null) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "file '" + key + "' already exists in bucket '"
                    + bucket + "'");
        }
        List<ChunkRef> refs = new ArrayList<>(command.chunks().size());
        for (MetaCommand.ChunkWrite write : command.chunks()) {
            reference(write, command.replication(), tx);
            refs.add(new ChunkRef(write.id(), write.size()));
        }
        long number = head == null ? 1 : head.nextVersion();
        ObjectVersion version = new ObjectVersion(bucket, key, number, command.size(), command.chunkSize(),
                command.replication(), command.at(), command.contentType(), command.metadata(), refs);
        tx.addVersion(version);
        long versionCount = head == null ? 1 : head.versionCount() + 1;
        tx.putHead(head, Heads.summarise(version, versionCount, number + 1));
        return version;
    }

    private static void checkArguments(MetaCommand.CommitVersion command) {
        if (command.size() < 0 || command.chunkSize() < 1 || command.replication() < 1) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT,
                    "size must be >= 0, chunk size >= 1 and replication >= 1");
        }
        long sum = 0;
        for (MetaCommand.ChunkWrite write : command.chunks()) {
            if (write.size() < 0) {
                throw new CairnException(ErrorCode.INVALID_ARGUMENT, "chunk " + write.id() + " has a negative size");
            }
            sum += write.size();
        }
        if (sum != command.size()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "the chunks add up to " + sum
                    + " bytes but the file has " + command.size());
        }
    }

    /** One reference from the new version: a chunk listed twice in a file is referenced, and counted, twice. */
    private static void reference(MetaCommand.ChunkWrite write, int replication, Tx tx) {
        ChunkRecord existing = tx.chunk(write.id());
        if (existing != null && existing.size() != write.size()) {
            throw new CairnException(ErrorCode.CONFLICT, "chunk " + write.id() + " is recorded with "
                    + existing.size() + " bytes, not " + write.size());
        }
        if (write.written().isEmpty() && (existing == null || existing.replicas().isEmpty())) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "chunk " + write.id()
                    + " is no longer stored; retry the upload");
        }
        TreeSet<NodeId> replicas = new TreeSet<>(write.written());
        long refCount = 1;
        int maxReplication = replication;
        if (existing != null) {
            replicas.addAll(existing.replicas());
            refCount += existing.refCount();
            maxReplication = Math.max(maxReplication, existing.replication());
        }
        tx.putChunk(existing, new ChunkRecord(write.id(), write.size(), List.copyOf(replicas), refCount,
                maxReplication));
    }
}
