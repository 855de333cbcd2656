package io.cairn.controller.chunks;

import io.cairn.api.CopyDeletion;
import io.cairn.api.NodeAddress;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the chunk keeper asks of storage nodes. Every call may throw {@link io.cairn.core.CairnException} when the
 * node cannot be reached or refuses; the keeper then tries later or elsewhere.
 */
public interface NodeChunks {
    /**
     * Has the node at {@code sourceUrl} send its copy of the chunk to each target; each target verifies the bytes
     * against the id before it stores them.
     *
     * @return the copies made, with the generation each target gave its file
     * @throws io.cairn.core.CairnException CHECKSUM_MISMATCH when the source's own copy turned out corrupt
     */
    List<MadeCopy> replicate(String sourceUrl, ChunkId chunk, int size, List<NodeAddress> targets);

    /** Deletes the node's file of that chunk if, and only if, it is of that generation; in every outcome that file is gone. */
    CopyDeletion delete(String url, ChunkId chunk, long generation);

    /** One page of the node's chunk files in id order, after {@code after} (null: from the start). */
    Inventory inventory(String url, ChunkId after, int limit);

    /** The generation of the node's file of that chunk, or empty if it has none. */
    OptionalLong generation(String url, ChunkId chunk);

    /** Has the node re-hash its file of the chunk; a corrupt file is quarantined by the node. */
    boolean intact(String url, ChunkId chunk);

    /** A copy a target node made and made durable. */
    record MadeCopy(NodeId node, long generation) {
    }

    /** A page of a node's inventory; {@code next} null on the last page. */
    record Inventory(List<StoredFile> files, ChunkId next) {
        public Inventory {
            files = List.copyOf(files);
        }
    }

    /** A chunk file as the node has it, and how long ago (by the node's clock) it was written. */
    record StoredFile(ChunkId chunk, long size, long generation, long ageMillis) {
    }
}
