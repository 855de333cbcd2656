package io.cairn.node;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity of a running node as its heartbeat workers (one per controller) share it, and the one place that
 * changes it once the node runs: joining a cluster. Joining checks and saves under one lock, so when two controllers
 * answer their first registrations at once, exactly one cluster id is adopted and the other is seen as foreign.
 *
 * <p>Thread-safe.
 */
final class SharedIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(SharedIdentity.class);

    private final Path dataDir;
    private volatile NodeIdentity current; // written under this

    /** @param loaded the identity loaded from {@code dataDir} at start */
    SharedIdentity(Path dataDir, NodeIdentity loaded) {
        this.dataDir = dataDir;
        this.current = loaded;
    }

    NodeIdentity get() {
        return current;
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * Joins the cluster a controller answered, unless the node already belongs to one.
     *
     * @return the identity afterwards: its cluster id differs from {@code clusterId} when the node belongs to another
     *         cluster, which must then not be joined
     * @throws IOException when {@code node.json} cannot be written; the node has then joined nothing
     */
    synchronized NodeIdentity join(String clusterId) throws IOException {
        NodeIdentity identity = current;
        if (identity.clusterId() == null) {
            NodeIdentity joined = identity.withClusterId(clusterId);
            // Before any heartbeat: after a restart the node must present this id, or it could join another cluster.
            joined.save(dataDir);
            current = joined;
            LOG.info("node {} joined cluster {}", joined.nodeId(), clusterId);
        }
        return current;
    }
}
