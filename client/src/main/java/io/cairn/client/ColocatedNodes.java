package io.cairn.client;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage nodes that run in this process, by id, so a gateway beside them reads their copies from their stores
 * rather than over HTTP through the loopback (what HDFS calls a short-circuit read). Only the transport is skipped:
 * the reader still verifies every byte against the chunk's SHA-256 id, and a node not attached here (another process,
 * or one stopped) is read over HTTP as before. Thread-safe.
 */
public final class ColocatedNodes {
    /** No node in this process: every copy is read over HTTP. */
    public static final ColocatedNodes NONE = new ColocatedNodes();

    /** One node's copies, read as they are on its disk. */
    public interface LocalChunks {
        /**
         * Reads the whole copy, unverified, into {@code into}; returns how many bytes the node holds, or -1 if that is
         * more than fit.
         *
         * @throws io.cairn.core.CairnException NOT_FOUND when the node has no copy, UNAVAILABLE when it cannot read it
         */
        int read(ChunkId id, byte[] into);
    }

    private final Map<NodeId, LocalChunks> nodes = new ConcurrentHashMap<>();

    /** From now on the copies on {@code node} are read through {@code chunks}. */
    public void attach(NodeId node, LocalChunks chunks) {
        if (this == NONE) {
            throw new IllegalStateException("NONE takes no nodes");
        }
        nodes.put(node, chunks);
    }

    /** Reads of {@code node} go over HTTP again, unless another attachment has replaced {@code chunks} since. */
    public void detach(NodeId node, LocalChunks chunks) {
        nodes.remove(node, chunks);
    }

    /** The node's copies, if it runs in this process; null otherwise. */
    LocalChunks of(NodeId node) {
        return nodes.get(node);
    }
}
