package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PartLimits;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.PartRef;
import io.cairn.core.model.UploadRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The multipart upload commands: create, commit a part, complete, abort. A part's chunks are referenced from its
 * commit on, so nothing it stored can be collected while the upload is open; completing hands the used parts'
 * references to the version (no chunk is copied or re-counted) and releases the rest.
 */
final class UploadHandlers {
    private static final int MAX_UPLOAD_ID_LENGTH = 128;
    private static final String COMPLETION_PREFIX = "upload:";

    private UploadHandlers() {
    }

    static UploadRecord create(MetaCommand.CreateUpload command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        String key = Keys.requireStorable(command.key());
        String id = command.uploadId();
        if (id.isEmpty() || id.length() > MAX_UPLOAD_ID_LENGTH || !id.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "an upload id must be 1 to " + MAX_UPLOAD_ID_LENGTH
                    + " printable ASCII characters");
        }
        if (tx.upload(bucket.name(), key, id) != null) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "upload '" + id + "' exists");
        }
        Acls.requireSettable(bucket, command.acl(), tx);
        UploadRecord upload = new UploadRecord(bucket.name(), key, id, command.at(), command.contentType(),
                command.metadata(), command.headers(), command.checksumAlgorithm(), command.acl(),
                command.checksumType(), command.tags());
        tx.putUpload(upload);
        return upload;
    }

    static PartRecord commitPart(MetaCommand.CommitPart command, Tx tx) {
        UploadRecord upload = tx.requireUpload(command.bucket(), command.key(), command.uploadId());
        if (command.number() < 1 || command.number() > PartLimits.MAX_PARTS) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "part numbers are 1 to " + PartLimits.MAX_PARTS);
        }
        if (command.replication() < 1) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "replication must be >= 1");
        }
        long sum = command.chunks().stream().mapToLong(MetaCommand.ChunkWrite::size).sum();
        if (sum != command.size() || command.chunks().stream().anyMatch(c -> c.size() < 0)) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "the chunks add up to " + sum + " bytes but the part "
                    + "has " + command.size());
        }
        List<ChunkRef> refs = new ArrayList<>(command.chunks().size());
        for (MetaCommand.ChunkWrite write : command.chunks()) {
            Versions.reference(write, command.replication(), tx);
            refs.add(new ChunkRef(write.id(), write.size()));
        }
        PartRecord replaced = tx.part(upload.uploadId(), command.number());
        if (replaced != null) {
            Versions.release(replaced.chunks(), tx);
        }
        PartRecord part = new PartRecord(upload.uploadId(), command.number(), command.size(), command.etag(),
                command.checksum(), refs, command.at());
        tx.putPart(part);
        return part;
    }

    static ObjectVersion complete(MetaCommand.CompleteUpload command, Tx tx) {
        UploadRecord upload = tx.upload(command.bucket(), command.key(), command.uploadId());
        if (upload == null) {
            return completedBefore(command, tx);
        }
        BucketRecord bucket = tx.requireBucket(upload.bucket());
        Map<Integer, PartRecord> stored = new TreeMap<>();
        for (PartRecord part : tx.storedParts(upload.uploadId())) {
            stored.put(part.number(), part);
        }
        List<PartRecord> used = choose(command.parts(), stored);
        ObjectHead head = tx.head(bucket.name(), upload.key());
        ContentInfo content = command.content();
        Versions.checkPreconditions(head, bucket.name(), upload.key(), command.ifNoneMatch(), content.ifMatch());
        List<ChunkRef> chunks = new ArrayList<>();
        List<PartRef> parts = new ArrayList<>();
        long size = 0;
        int chunkSize = 1;
        for (PartRecord part : used) {
            chunks.addAll(part.chunks());
            parts.add(new PartRef(part.number(), part.size(), part.chunks().size(), part.checksum()));
            size += part.size();
            chunkSize = Math.max(chunkSize, part.chunks().stream().mapToInt(ChunkRef::size).max().orElse(1));
            stored.remove(part.number());
            tx.deletePart(part);
        }
        for (PartRecord unused : stored.values()) {
            Versions.release(unused.chunks(), tx);
            tx.deletePart(unused);
        }
        tx.deleteUpload(upload);
        long total = size;
        int largestChunk = chunkSize;
        int replication = replicationOf(chunks, tx);
        ObjectVersion version = Versions.publish(bucket, upload.key(), head, (number, nullVersion) ->
                new ObjectVersion(bucket.name(), upload.key(), number, total, largestChunk, replication, command.at(),
                        upload.contentType(), upload.metadata(), chunks, content.etag(), false, nullVersion,
                        content.checksum(), upload.headers(), parts, upload.acl(), upload.tags()), tx);
        tx.putRequest(new RequestRecord(COMPLETION_PREFIX + upload.uploadId(), version.bucket(), version.key(),
                version.version(), command.at()));
        return version;
    }

    /** A completion retried after its reply was lost: the upload is gone, and its record names the version. */
    private static ObjectVersion completedBefore(MetaCommand.CompleteUpload command, Tx tx) {
        RequestRecord done = tx.request(COMPLETION_PREFIX + command.uploadId());
        if (done == null || !done.bucket().equals(command.bucket()) || !done.key().equals(command.key())) {
            throw new CairnException(ErrorCode.NO_SUCH_UPLOAD, "no multipart upload '" + command.uploadId() + "' of '"
                    + command.key() + "' in bucket '" + command.bucket() + "'");
        }
        ObjectVersion version = tx.version(done.bucket(), done.key(), done.version());
        if (version == null) {
            throw new CairnException(ErrorCode.NO_SUCH_UPLOAD, "upload '" + command.uploadId() + "' was completed "
                    + "and its version has been deleted since");
        }
        return version;
    }

    private static List<PartRecord> choose(List<PartChoice> choices, Map<Integer, PartRecord> stored) {
        if (choices.isEmpty()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a completion names at least one part");
        }
        List<PartRecord> used = new ArrayList<>(choices.size());
        int previous = 0;
        for (PartChoice choice : choices) {
            if (choice.number() <= previous) {
                throw new CairnException(ErrorCode.INVALID_PART_ORDER, "the list of parts was not in ascending order");
            }
            previous = choice.number();
            PartRecord part = stored.get(choice.number());
            if (part == null || !part.etag().equals(choice.etag())) {
                throw new CairnException(ErrorCode.INVALID_PART, "part " + choice.number() + " was not uploaded or "
                        + "its ETag does not match");
            }
            used.add(part);
        }
        for (int i = 0; i < used.size() - 1; i++) {
            if (used.get(i).size() < PartLimits.MIN_PART_SIZE) {
                throw new CairnException(ErrorCode.ENTITY_TOO_SMALL, "part " + used.get(i).number() + " has "
                        + used.get(i).size() + " bytes; every part but the last needs at least " + PartLimits.MIN_PART_SIZE);
            }
        }
        return used;
    }

    /** The most replicas any of the chunks was asked for (each part's writer chose its own). */
    private static int replicationOf(List<ChunkRef> chunks, Tx tx) {
        int replication = 1;
        Set<ChunkId> seen = new HashSet<>();
        for (ChunkRef chunk : chunks) {
            if (seen.add(chunk.id())) {
                ChunkRecord record = tx.chunk(chunk.id());
                if (record != null) {
                    replication = Math.max(replication, record.replication());
                }
            }
        }
        return replication;
    }

    static UploadRecord abort(MetaCommand.AbortUpload command, Tx tx) {
        UploadRecord upload = tx.requireUpload(command.bucket(), command.key(), command.uploadId());
        for (PartRecord part : tx.storedParts(upload.uploadId())) {
            Versions.release(part.chunks(), tx);
            tx.deletePart(part);
        }
        tx.deleteUpload(upload);
        return upload;
    }
}
