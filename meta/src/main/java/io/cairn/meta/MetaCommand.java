package io.cairn.meta;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.NodeRecord;
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

    /** Result: the new {@link io.cairn.core.model.BucketRecord}. */
    record CreateBucket(String name, long at) implements MetaCommand {
        public CreateBucket {
            Objects.requireNonNull(name, "name");
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
     * @param ifNoneMatch refuse (ALREADY_EXISTS) if the key already has a version
     * @param requestId   the client's id for this commit, the same on every retry, or null: a commit whose id was
     *                    applied before (within the last hour) creates nothing and answers the version it created
     */
    record CommitVersion(String bucket, String key, long size, int chunkSize, int replication, String contentType,
                         Map<String, String> metadata, List<ChunkWrite> chunks, boolean ifNoneMatch, long at,
                         String requestId)
            implements MetaCommand {
        public CommitVersion {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            metadata = sortedCopy(metadata);
            chunks = List.copyOf(chunks);
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
