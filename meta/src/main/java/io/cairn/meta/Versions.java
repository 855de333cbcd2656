package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.TreeSet;

/**
 * Adding and removing versions of a key while keeping its head, and the chunk references, true. Removing one is for
 * good. Chunk records stay, even at zero references: deleting bytes is a later,
 * separately logged decision (a garbage collector with a grace period), so a concurrent upload that deduplicates
 * against the chunk is never left pointing at nothing.
 */
final class Versions {
    private Versions() {
    }

    /** Builds the new version once its number and kind are decided. */
    @FunctionalInterface
    interface Draft {
        ObjectVersion numbered(long number, boolean nullVersion);
    }

    /**
     * Makes a new version the key's latest, by the bucket's versioning: numbered on from the head, and while the
     * bucket is not versioning a "null" version that replaces the key's previous one.
     *
     * @param head the key's head, or null for a new key
     */
    static ObjectVersion publish(BucketRecord bucket, String key, ObjectHead head, Draft draft, Tx tx) {
        long number = head == null ? 1 : head.nextVersion();
        boolean nullVersion = bucket.versioning() != Versioning.ENABLED;
        ObjectVersion version = draft.numbered(number, nullVersion);
        if (nullVersion && head != null && head.nullVersion() != 0) {
            // Numbered on from the old head even if this empties the key: a version id never names other content.
            head = remove(head, tx.version(bucket.name(), key, head.nullVersion()), tx);
        }
        tx.addVersion(version);
        long count = head == null ? 1 : head.versionCount() + 1;
        long nullNumber = nullVersion ? number : head == null ? 0 : head.nullVersion();
        tx.putHead(head, Heads.summarise(version, count, number + 1, nullNumber));
        return version;
    }

    /**
     * S3's conditional writes, checked against the key's current version (none behind a delete marker).
     *
     * @param ifMatch the ETag the current version must have, or null
     */
    static void checkPreconditions(ObjectHead head, String bucket, String key, boolean ifNoneMatch, String ifMatch) {
        boolean exists = head != null && !head.deleteMarker();
        if (ifNoneMatch && exists) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "file '" + key + "' already exists in bucket '" + bucket
                    + "'");
        }
        if (ifMatch != null) {
            if (!exists) {
                throw new CairnException(ErrorCode.NOT_FOUND, "file '" + key + "' not found in bucket '" + bucket + "'");
            }
            if (!ifMatch.equals(head.etag())) {
                throw new CairnException(ErrorCode.PRECONDITION_FAILED, "file '" + key + "' has changed: its ETag is not "
                        + ifMatch);
            }
        }
    }

    /**
     * One reference from a new version or part to a chunk it lists: a chunk listed twice is referenced, and counted,
     * twice. The chunk must be durable somewhere: this write stored it, or (dedup) the chunk map still records a
     * replica, re-checked here rather than trusted from the writer's earlier lookup since one may have been dropped.
     */
    static void reference(MetaCommand.ChunkWrite write, int replication, Tx tx) {
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

    /**
     * Removes {@code version} and keeps the key's head true: a removed latest version hands over to the newest one
     * below it, and a key left without versions goes.
     *
     * @param head the key's head before this removal, as this command last wrote it
     * @return the key's head after it, or null when the key is gone
     */
    static ObjectHead remove(ObjectHead head, ObjectVersion version, Tx tx) {
        release(version, tx);
        if (version.version() != head.latestVersion()) {
            ObjectHead updated = Heads.withoutOlder(head, version.version());
            tx.putHead(head, updated);
            return updated;
        }
        ObjectVersion newest = tx.storedVersionBelow(head.bucket(), head.key(), version.version());
        if (newest == null) {
            tx.deleteHead(head);
            return null;
        }
        long nullVersion = head.nullVersion() == version.version() ? 0 : head.nullVersion();
        ObjectHead updated = Heads.summarise(newest, head.versionCount() - 1, head.nextVersion(), nullVersion);
        tx.putHead(head, updated);
        return updated;
    }

    /** Deletes the version record and releases its chunk references; the caller keeps the head true. */
    static void release(ObjectVersion version, Tx tx) {
        tx.deleteVersion(version);
        release(version.chunks(), tx);
    }

    /** Releases one reference to each chunk listed (as often as it is listed). */
    static void release(List<ChunkRef> chunks, Tx tx) {
        for (ChunkRef ref : chunks) {
            ChunkRecord chunk = tx.chunk(ref.id());
            if (chunk != null) {
                tx.putChunk(chunk, new ChunkRecord(chunk.id(), chunk.size(), chunk.replicas(),
                        Math.max(0, chunk.refCount() - 1), chunk.replication()));
            }
        }
    }
}
