package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MetaCommand.CommitVersion}: the moment an upload becomes visible. Every chunk must be durable somewhere: either
 * this upload wrote it, or (dedup) the chunk map still records a replica. The latter is re-checked here rather than
 * trusted from the gateway's earlier lookup, because a replica may have been dropped since.
 *
 * <p>A commit with a request id is applied at most once: a client that lost the reply (a leader change, say) retries
 * with the same id and gets the version the first attempt created. The {@link RequestRecord}s that make this work
 * are kept at least {@link #REQUEST_TTL_MILLIS}, by the commands' own clocks, so every replica prunes the same ones.
 */
final class CommitVersionHandler {
    /** Far longer than any client retries a commit. */
    static final long REQUEST_TTL_MILLIS = 60 * 60 * 1000;
    /** Bounds the work pruning adds to one commit, yet far more than the one record a commit adds: it keeps up. */
    static final int PRUNE_LIMIT = 64;
    private static final int MAX_REQUEST_ID_LENGTH = 128;

    private CommitVersionHandler() {
    }

    static ObjectVersion apply(MetaCommand.CommitVersion command, Tx tx) {
        ObjectVersion version = command.requestId() == null ? commit(command, tx) : commitOnce(command, tx);
        pruneRequests(command.at(), tx);
        return version;
    }

    private static ObjectVersion commitOnce(MetaCommand.CommitVersion command, Tx tx) {
        String id = requireRequestId(command.requestId());
        RequestRecord done = tx.request(id);
        if (done == null) {
            if (command.at() < 0) {
                throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a commit's time must not be negative");
            }
            ObjectVersion version = commit(command, tx);
            tx.putRequest(new RequestRecord(id, version.bucket(), version.key(), version.version(), command.at()));
            return version;
        }
        if (!done.bucket().equals(command.bucket()) || !done.key().equals(command.key())) {
            throw new CairnException(ErrorCode.CONFLICT, "request id '" + id + "' was used for file '" + done.key()
                    + "' in bucket '" + done.bucket() + "'");
        }
        ObjectVersion version = tx.version(done.bucket(), done.key(), done.version());
        if (version == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "request '" + id + "' committed version " + done.version()
                    + " of '" + done.key() + "' in bucket '" + done.bucket() + "', which has been deleted since");
        }
        return version;
    }

    /** Printable ASCII: ids are stored as keys ({@link Keys}), where a malformed string could alias another. */
    private static String requireRequestId(String id) {
        if (id.isEmpty() || id.length() > MAX_REQUEST_ID_LENGTH || !id.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a request id must be 1 to " + MAX_REQUEST_ID_LENGTH
                    + " printable ASCII characters");
        }
        return id;
    }

    private static void pruneRequests(long at, Tx tx) {
        if (at <= REQUEST_TTL_MILLIS) {
            return; // no record is that old: their times are never negative
        }
        for (RequestRecord expired : tx.storedRequestsBefore(at - REQUEST_TTL_MILLIS, PRUNE_LIMIT)) {
            tx.deleteRequest(expired);
        }
    }

    private static ObjectVersion commit(MetaCommand.CommitVersion command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        String key = Keys.requireStorable(command.key());
        checkArguments(command);
        ObjectHead head = tx.head(bucket.name(), key);
        ContentInfo content = command.content();
        Acls.requireSettable(bucket, content.acl(), tx);
        Versions.checkPreconditions(head, bucket.name(), key, command.ifNoneMatch(), content.ifMatch());
        List<ChunkRef> refs = new ArrayList<>(command.chunks().size());
        for (MetaCommand.ChunkWrite write : command.chunks()) {
            Versions.reference(write, command.replication(), tx);
            refs.add(new ChunkRef(write.id(), write.size()));
        }
        return Versions.publish(bucket, key, head, (number, nullVersion) -> new ObjectVersion(bucket.name(), key,
                number, command.size(), command.chunkSize(), command.replication(), command.at(),
                command.contentType(), command.metadata(), refs, content.etag(), false, nullVersion,
                content.checksum(), content.headers(), List.of(), content.acl(), content.tags()), tx);
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
}
