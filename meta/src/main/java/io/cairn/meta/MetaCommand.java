package io.cairn.meta;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.Versioning;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A change to the cluster's metadata, fully decided before it is applied: whoever proposes a command fixes its ids and
 * timestamps ({@code at}, epoch milliseconds), so that applying it reads no clock and every replica reaches the same
 * state. Validation against the current state happens at apply time and turns into an
 * {@link ApplyResult.Rejected}; the constructors only check shape (non-null parts) and copy collections.
 *
 * <p>Renaming a record or one of its components changes the log format ({@link CommandCodec}).
 */
public sealed interface MetaCommand {

    /** Sets the cluster id unless one is set (then a no-op answering the existing id) and creates the default bucket. */
    record InitCluster(String clusterId, long at) implements MetaCommand {
        public InitCluster {
            Objects.requireNonNull(clusterId, "clusterId");
        }
    }

    /**
     * Result: the new {@link io.cairn.core.model.BucketRecord}.
     *
     * @param versioning null (a command logged before the field existed) makes a versioning bucket
     */
    record CreateBucket(String name, long at, Versioning versioning) implements MetaCommand {
        public CreateBucket {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Turns versioning on or suspends it. A versioning bucket can never return to {@link Versioning#UNVERSIONED}
     * (S3's rule: its numbered versions must stay addressable). Result: the updated
     * {@link io.cairn.core.model.BucketRecord}.
     */
    record SetVersioning(String bucket, Versioning versioning) implements MetaCommand {
        public SetVersioning {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(versioning, "versioning");
        }
    }

    /** Only an empty bucket can be deleted. Result: the deleted {@link io.cairn.core.model.BucketRecord}. */
    record DeleteBucket(String name) implements MetaCommand {
        public DeleteBucket {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Upsert; the first {@code registeredAt} is kept. Result: the stored {@link NodeRecord}. */
    record RegisterNode(NodeRecord node) implements MetaCommand {
        public RegisterNode {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(node.id(), "node.id");
        }
    }

    /**
     * Makes a new version of {@code key} visible, after all its chunks are durable. Result: the
     * {@link io.cairn.core.model.ObjectVersion}.
     *
     * @param chunks      the file's chunks in order; a chunk may appear more than once
     * @param ifNoneMatch refuse (ALREADY_EXISTS) if the key exists (its latest version is not a delete marker)
     * @param requestId   the client's id for this commit, the same on every retry, or null: a commit whose id was
     *                    applied before (within the last hour) creates nothing and answers the version it created
     * @param content     what the writer computed and verified of the bytes; the version keeps it
     */
    record CommitVersion(String bucket, String key, long size, int chunkSize, int replication, String contentType,
                         Map<String, String> metadata, List<ChunkWrite> chunks, boolean ifNoneMatch, long at,
                         String requestId, ContentInfo content)
            implements MetaCommand {
        public CommitVersion {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            metadata = sortedCopy(metadata);
            chunks = List.copyOf(chunks);
            content = content == null ? ContentInfo.NONE : content;
        }
    }


    /**
     * One chunk of a {@link CommitVersion}.
     *
     * @param written the nodes that acknowledged a durable copy for this upload; empty for a chunk the upload did not
     *                write because the cluster already stores it (dedup)
     */
    record ChunkWrite(ChunkId id, int size, List<NodeId> written) {
        public ChunkWrite {
            Objects.requireNonNull(id, "id");
            written = written == null ? List.of() : List.copyOf(written);
        }
    }

    /** @param version null for every version of the key. Result: the deleted version numbers, ascending. */
    record DeleteObject(String bucket, String key, Long version) implements MetaCommand {
        public DeleteObject {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Deletes a key the way S3 does when no version is named, by the bucket's versioning: unversioned, its "null"
     * version goes; versioning, a delete marker becomes the latest version; suspended, the "null" version goes and a
     * delete marker takes its place as the new "null" version. Deleting an absent key is not an error. Result: a
     * {@link KeyDeletion}.
     */
    record DeleteKey(String bucket, String key, long at) implements MetaCommand {
        public DeleteKey {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Starts a multipart upload of {@code key}. Result: the {@link io.cairn.core.model.UploadRecord}.
     *
     * @param uploadId decided by the proposer: printable ASCII, unique
     */
    record CreateUpload(String bucket, String key, String uploadId, long at, String contentType,
                        Map<String, String> metadata, Map<String, String> headers, String checksumAlgorithm)
            implements MetaCommand {
        public CreateUpload {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            metadata = sortedCopy(metadata);
            headers = sortedCopy(headers);
        }
    }

    /**
     * Records one part of an open upload after its chunks are durable, replacing an earlier part with its number.
     * Result: the {@link io.cairn.core.model.PartRecord}.
     *
     * @param etag hex MD5 of the part
     */
    record CommitPart(String bucket, String key, String uploadId, int number, long size, String etag,
                      Checksum checksum, List<ChunkWrite> chunks, int replication, long at) implements MetaCommand {
        public CommitPart {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Completes an upload: the named parts, in order, become a new version of the key without copying anything (its
     * chunk list is theirs, and their chunk references pass to it); other parts are released and the upload is gone.
     * Completing an upload again (a retry after a lost reply) answers the version the first completion made.
     * Result: the {@link io.cairn.core.model.ObjectVersion}.
     *
     * @param parts   the parts to use with the ETags the client saw, ascending; all but the last at least 5 MiB
     * @param content the ETag (MD5 of the parts' MD5s, "-" and their count) and checksum of the whole, computed by
     *                the proposer from these parts; conditions on the key (If-None-Match, If-Match)
     */
    record CompleteUpload(String bucket, String key, String uploadId, List<PartChoice> parts, boolean ifNoneMatch,
                          ContentInfo content, long at) implements MetaCommand {
        public CompleteUpload {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            parts = List.copyOf(parts);
            content = content == null ? ContentInfo.NONE : content;
        }
    }

    /** Abandons an upload and releases its parts. Result: the {@link io.cairn.core.model.UploadRecord}. */
    record AbortUpload(String bucket, String key, String uploadId) implements MetaCommand {
        public AbortUpload {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
        }
    }

    /** Replaces the user metadata of the latest version. Result: the updated {@link io.cairn.core.model.ObjectVersion}. */
    record SetMetadata(String bucket, String key, Map<String, String> metadata) implements MetaCommand {
        public SetMetadata {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            metadata = sortedCopy(metadata);
        }
    }

    /** Forgets one replica of a chunk, e.g. one found corrupt. Result: the updated {@link io.cairn.core.model.ChunkRecord}. */
    record DropReplica(ChunkId chunk, NodeId node) implements MetaCommand {
        public DropReplica {
            Objects.requireNonNull(chunk, "chunk");
            Objects.requireNonNull(node, "node");
        }
    }

    /** Sorted so that a command's encoding, and so the log, does not depend on a hash seed. */
    private static Map<String, String> sortedCopy(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>(map);
        if (sorted.containsValue(null)) {
            throw new NullPointerException("metadata values must not be null");
        }
        return Collections.unmodifiableMap(sorted);
    }
}
