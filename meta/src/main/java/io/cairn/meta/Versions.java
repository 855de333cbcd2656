package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.TreeMap;

/**
 * Adding and removing versions of a key while keeping its head, and the chunk references, true. Removing one is for
 * good. Chunk records stay, even at zero references: deleting bytes is a later, separately logged decision (garbage
 * collection: condemn, a grace period, collect; see docs/design/0005), so a concurrent upload that deduplicates
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
     * The version a setting of one version (its ACL, its tags) is applied to, as it is when the command is applied:
     * the one named, else the key's latest; never a delete marker, nor a version deleted meanwhile.
     *
     * @param what the setting, for the refusal's message
     */
    static ObjectVersion settable(String bucket, String key, Long number, String what, Tx tx) {
        ObjectHead head = tx.requireHead(bucket, key);
        long resolved = number == null ? head.latestVersion() : number;
        ObjectVersion version = tx.version(bucket, key, resolved);
        if (version == null || version.deleteMarker()) {
            throw new CairnException(number == null ? ErrorCode.NOT_FOUND : ErrorCode.NO_SUCH_VERSION,
                    "no version " + (number == null ? "" : resolved + " ") + "of '" + key + "' in bucket '" + bucket
                            + "' to set " + what + " on");
        }
        return version;
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
        Quotas.check(bucket.name(), tx);
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
     * twice. The chunk must be durable on enough copies, decided here rather than trusted from the writer's earlier
     * lookup since copies may have been dropped, doomed or lost with their store since:
     * <ul>
     *   <li>a copy this write made counts unless a logged decision is deleting that very file (same node and
     *   generation), which happens when the write raced a collection; then the writer must try again;</li>
     *   <li>a write that stored nothing (dedup) needs at least one recorded copy that counts.</li>
     * </ul>
     * A condemned chunk referenced again is revived: nothing of it has been deleted before it is collected.
     */
    static void reference(MetaCommand.ChunkWrite write, int replication, Tx tx) {
        ChunkRecord existing = tx.chunk(write.id());
        if (existing != null && existing.size() != write.size()) {
            throw new CairnException(ErrorCode.CONFLICT, "chunk " + write.id() + " is recorded with "
                    + existing.size() + " bytes, not " + write.size());
        }
        List<Copy> doomed = existing == null ? List.of() : existing.doomed();
        TreeMap<NodeId, Copy> copies = new TreeMap<>();
        if (existing != null) {
            existing.copies().forEach(c -> copies.put(c.node(), c));
        }
        for (int i = 0; i < write.written().size(); i++) {
            NodeId node = write.written().get(i);
            long generation = write.generation(i);
            NodeRecord record = tx.node(node);
            if (record != null && record.state() == NodeState.REMOVED) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "node " + node + " was removed from the cluster "
                        + "during the upload; retry the upload");
            }
            if (isDoomed(doomed, node, generation)) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "the copy of chunk " + write.id() + " on node "
                        + node + " is being deleted (it raced a garbage collection); retry the upload");
            }
            // A node the registry does not know yet gets a copy that counts nowhere until it registers.
            copies.put(node, new Copy(node, record == null ? 0 : record.incarnation(), generation));
        }
        if (write.written().isEmpty() && copies.values().stream().noneMatch(tx::counts)) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "chunk " + write.id()
                    + " is no longer stored; retry the upload");
        }
        if (existing == null) {
            tx.putChunk(null, new ChunkRecord(write.id(), write.size(), List.copyOf(copies.values()), 1, replication,
                    0, List.of()));
        } else {
            tx.putChunk(existing, existing.withCopies(List.copyOf(copies.values())).withReferences(
                    existing.refCount() + 1, Math.max(replication, existing.replication()), 0));
        }
    }

    /**
     * Whether a logged decision is deleting the node's copy of that generation. A copy of unknown generation (a writer
     * that did not say) is taken for doomed if any copy on that node is: it may be the very file.
     */
    private static boolean isDoomed(List<Copy> doomed, NodeId node, long generation) {
        return doomed.stream().anyMatch(d -> d.node().equals(node)
                && (generation == 0 || d.generation() == 0 || d.generation() == generation));
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
                tx.putChunk(chunk, chunk.withReferences(Math.max(0, chunk.refCount() - 1), chunk.replication(),
                        chunk.condemnedAt()));
            }
        }
    }
}
