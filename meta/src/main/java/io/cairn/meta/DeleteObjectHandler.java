package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MetaCommand.DeleteObject}: removes versions and releases their chunk references. Chunk records stay, even at
 * zero references: deleting bytes is a later, separately logged decision (a garbage collector with a grace period),
 * so a concurrent upload that deduplicates against the chunk is never left pointing at nothing.
 */
final class DeleteObjectHandler {
    private DeleteObjectHandler() {
    }

    static List<Long> apply(MetaCommand.DeleteObject command, Tx tx) {
        String bucket = tx.requireBucket(command.bucket()).name();
        ObjectHead head = tx.requireHead(bucket, command.key());
        return command.version() == null ? deleteAll(head, tx) : deleteOne(head, command.version(), tx);
    }

    private static List<Long> deleteAll(ObjectHead head, Tx tx) {
        List<Long> deleted = new ArrayList<>();
        for (ObjectVersion version : tx.storedVersions(head.bucket(), head.key())) {
            delete(version, tx);
            deleted.add(version.version());
        }
        tx.deleteHead(head);
        return deleted;
    }

    private static List<Long> deleteOne(ObjectHead head, long number, Tx tx) {
        ObjectVersion version = tx.version(head.bucket(), head.key(), number);
        if (version == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "version " + number + " of '" + head.key()
                    + "' not found in bucket '" + head.bucket() + "'");
        }
        if (number != head.latestVersion()) {
            tx.putHead(head, new ObjectHead(head.bucket(), head.key(), head.latestVersion(), head.versionCount() - 1,
                    head.nextVersion(), head.size(), head.createdAt(), head.chunkCount(), head.contentType()));
        } else {
            ObjectVersion newest = tx.storedVersionBelow(head.bucket(), head.key(), number);
            if (newest == null) {
                tx.deleteHead(head);
            } else {
                tx.putHead(head, Heads.summarise(newest, head.versionCount() - 1, head.nextVersion()));
            }
        }
        delete(version, tx);
        return List.of(number);
    }

    private static void delete(ObjectVersion version, Tx tx) {
        tx.deleteVersion(version);
        for (ChunkRef ref : version.chunks()) {
            ChunkRecord chunk = tx.chunk(ref.id());
            if (chunk != null) {
                tx.putChunk(chunk, new ChunkRecord(chunk.id(), chunk.size(), chunk.replicas(),
                        Math.max(0, chunk.refCount() - 1), chunk.replication()));
            }
        }
    }
}
