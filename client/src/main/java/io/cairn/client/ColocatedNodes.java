package io.cairn.client;

import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.NodeId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage nodes that run in this process, by id, so a gateway beside them reads and writes their copies through
 * their stores rather than over HTTP through the loopback (what HDFS calls short-circuit reads). Only the transport is
 * skipped: a reader still verifies every byte against the chunk's SHA-256 id, a write is still checked against the
 * CRC32C the gateway computed and fsynced before it returns, and a node not attached here (in another process, or
 * stopped) is reached over HTTP as before. Thread-safe.
 */
public final class ColocatedNodes {
    /** No node in this process: every copy is read and written over HTTP. */
    public static final ColocatedNodes NONE = new ColocatedNodes();

    /** One node's copies, reached through its store. */
    public interface LocalChunks {
        /**
         * Reads the whole copy, unverified, into {@code into}; returns how many bytes the node holds, or -1 if that is
         * more than fit.
         *
         * @throws io.cairn.core.CairnException NOT_FOUND when the node has no copy, UNAVAILABLE when it cannot read it
         */
        int read(ChunkId id, byte[] into);

        /**
         * Stores {@code data[0, length)} as chunk {@code id}, durably, checked against {@code crc}; returns the copy's
         * generation.
         *
         * @throws io.cairn.core.CairnException CHECKSUM_MISMATCH, INSUFFICIENT_STORAGE or PAYLOAD_TOO_LARGE as the
         *                                      node's API answers them, UNAVAILABLE when it cannot store the copy
         */
        long write(ChunkId id, byte[] data, int length, Crc32c crc);
    }

    private final Map<NodeId, LocalChunks> nodes = new ConcurrentHashMap<>();

    /** From now on the copies on {@code node} are read and written through {@code chunks}. */
    public void attach(NodeId node, LocalChunks chunks) {
        if (this == NONE) {
            throw new IllegalStateException("NONE takes no nodes");
        }
        nodes.put(node, chunks);
    }

    /** Reads and writes of {@code node} go over HTTP again, unless another attachment has replaced {@code chunks} since. */
    public void detach(NodeId node, LocalChunks chunks) {
        nodes.remove(node, chunks);
    }

    /** The node's copies, if it runs in this process; null otherwise. */
    LocalChunks of(NodeId node) {
        return nodes.get(node);
    }
}
