package io.cairn.app;

import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.LostChunks;
import io.cairn.api.NodeRegistry;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;
import io.cairn.app.config.ClusterSettings;
import io.cairn.client.ChunkClient;
import io.cairn.client.ColocatedNodes;
import io.cairn.client.HttpTransport;
import io.cairn.controller.ControllerService;
import io.cairn.controller.ControllerSettings;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.node.NodeSettings;
import io.cairn.node.StorageNode;
import io.cairn.raft.ControllerPeer;
import io.cairn.raft.RaftSettings;
import io.cairn.raft.ReadConsistency;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A whole cluster in one JVM: one or more controllers (each with its gateway, forming one Raft group when there are
 * several), and N storage nodes, each on its own data directory ({@code dataDir/controller} or
 * {@code dataDir/controller1..N}, {@code dataDir/node1..N}) and port. What {@code ./cairn server} runs, and what
 * integration tests start on ephemeral ports. Nodes reach the controllers in-process, every node every controller, but
 * the gateways reach the nodes' copies through the nodes' stores ({@link ColocatedNodes}: the same checks, fsyncs and
 * metrics as the nodes' HTTP API, without the loopback), or, with short circuits off, over HTTP as a gateway on another
 * machine does. The cluster is one process: one certificate from the cluster CA serves all its ports when TLS is on.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dataDir;
    private final String host;
    private final ClusterSettings settings;
    private final List<ControllerPeer> peers;
    private final ReadConsistency reads;
    private final ProcessTls tls;
    private final List<ControllerProcess> controllers = new ArrayList<>();
    private final List<Integer> controllerPorts = new ArrayList<>();
    private final List<StorageNode> nodes = new ArrayList<>();
    private final List<Integer> nodePorts = new ArrayList<>();
    /** What the nodes copy chunks to each other with. */
    private final HttpTransport nodeTransport;
    /** The running nodes, for the gateways; {@link ColocatedNodes#NONE} when every chunk goes over HTTP. */
    private final ColocatedNodes colocated;

    private LocalCluster(Path dataDir, String host, ClusterSettings settings, List<ControllerPeer> peers,
                         ReadConsistency reads, boolean shortCircuit) {
        this.dataDir = dataDir;
        this.host = host;
        this.settings = settings;
        this.peers = peers;
        this.reads = reads;
        this.tls = ProcessTls.of(settings, host, "cairn server", List.of());
        this.nodeTransport = ControllerProcess.transport(settings, tls);
        this.colocated = shortCircuit ? new ColocatedNodes() : ColocatedNodes.NONE;
    }

    /** @param nodeBasePort port of node 1, the next ones follow; 0 for ephemeral ports */
    public static LocalCluster start(Path dataDir, String host, int port, int nodeCount, int nodeBasePort,
                                     ClusterSettings settings) throws Exception {
        return start(dataDir, host, port, 1, nodeCount, nodeBasePort, settings, ReadConsistency.LINEARIZABLE);
    }

    /**
     * @param port            REST port of controller 1, the next ones follow; 0 for ephemeral ports
     * @param controllerCount 1 for a controller alone, 3 or 5 for a group that survives the loss of 1 or 2
     */
    public static LocalCluster start(Path dataDir, String host, int port, int controllerCount, int nodeCount,
                                     int nodeBasePort, ClusterSettings settings, ReadConsistency reads)
            throws Exception {
        return start(dataDir, host, port, controllerCount, nodeCount, nodeBasePort, settings, reads, true);
    }

    /** @param shortCircuit whether gateways reach copies on this process's nodes through their stores, not over HTTP */
    public static LocalCluster start(Path dataDir, String host, int port, int controllerCount, int nodeCount,
                                     int nodeBasePort, ClusterSettings settings, ReadConsistency reads,
                                     boolean shortCircuit) throws Exception {
        // Raft ports on loopback: the group lives in this process. A lone controller lets its port be chosen.
        List<ControllerPeer> peers = IntStream.rangeClosed(1, controllerCount)
                .mapToObj(i -> new ControllerPeer("c" + i, "127.0.0.1:" + (controllerCount == 1 ? 0 : ControllerPeer.freeLoopbackPort())))
                .toList();
        LocalCluster cluster = new LocalCluster(dataDir, host, settings, peers, reads, shortCircuit);
        try {
            for (int i = 0; i < controllerCount; i++) {
                cluster.controllers.add(null);
                cluster.controllerPorts.add(port == 0 ? 0 : port + i);
            }
            // Each controller waits for a majority of the group, so they must start together.
            try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Object>> started = starting.invokeAll(IntStream.range(0, controllerCount)
                        .mapToObj(i -> (Callable<Object>) () -> cluster.startController(i)).toList());
                for (Future<Object> future : started) {
                    future.get();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            for (int i = 0; i < nodeCount; i++) {
                cluster.nodes.add(null);
                cluster.nodePorts.add(nodeBasePort == 0 ? 0 : nodeBasePort + i);
                cluster.startNode(i);
            }
            cluster.awaitNodesHealthy();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts (or restarts) controller {@code index} on its directory and, after the first start, its old port. */
    public ControllerProcess startController(int index) throws Exception {
        ControllerPeer self = peers.get(index);
        RaftSettings raft = new RaftSettings(self.id(), peers, ControllerSettings.raftDir(controllerDir(index)),
                RaftSettings.DEFAULT_ELECTION_TIMEOUT, RaftSettings.DEFAULT_SNAPSHOT_EVERY,
                RaftSettings.DEFAULT_STALE_READ_BOUND, false, null);
        int port;
        synchronized (this) {
            if (controllers.get(index) != null) {
                throw new IllegalStateException("controller " + self.id() + " is running");
            }
            port = controllerPorts.get(index);
        }
        // One S3 endpoint for the whole cluster, beside the first controller: its port is the one configured.
        ControllerProcess process = ControllerProcess.start(controllerDir(index), host, port, true, colocated,
                index == 0 ? settings : settings.withoutS3(), raft, reads, tls);
        synchronized (this) {
            controllers.set(index, process);
            controllerPorts.set(index, process.port());
        }
        return process;
    }

    /** Stops controller {@code index} at once, as a crash would; the others elect a new leader if it led. */
    public void stopController(int index) {
        ControllerProcess process;
        synchronized (this) {
            process = controllers.set(index, null);
        }
        if (process != null) {
            ControllerProcess.closeQuietly(process);
        }
    }

    /** Starts (or restarts) node {@code index} on its data directory and, after the first start, its old port. */
    public synchronized void startNode(int index) throws Exception {
        if (nodes.get(index) != null) {
            throw new IllegalStateException("node " + (index + 1) + " is running");
        }
        List<NodeRegistry> registries = IntStream.range(0, controllers.size())
                .mapToObj(i -> (NodeRegistry) new InProcessRegistry(i)).toList();
        StorageNode node = StorageNode.start(new NodeSettings(nodeDir(index), host, nodePorts.get(index),
                null, null, null, settings.security().clusterKey(), tls.nodePort(), settings.security().metricsPublic(),
                settings.healthCheckInterval(), settings.reserveFraction(),
                settings.scrubRate(), NodeSettings.DEFAULT_SCRUB_INTERVAL, settings.nodeCapacity(),
                settings.connections()),
                registries, new ChunkClient(nodeTransport), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        nodes.set(index, node);
        nodePorts.set(index, node.port());
        if (colocated != ColocatedNodes.NONE) {
            colocated.attach(node.nodeId(), node.localChunks());
        }
    }

    /** Adds a node on a new data directory and an ephemeral port: a cluster grown by one machine. */
    public synchronized int addNode() throws Exception {
        nodes.add(null);
        nodePorts.add(0);
        int index = nodes.size() - 1;
        startNode(index);
        return index;
    }

    /** Stops node {@code index} at once, as a crash would: no goodbye to the controllers. */
    public synchronized void stopNode(int index) {
        StorageNode node = nodes.set(index, null);
        if (node != null) {
            colocated.detach(node.nodeId(), node.localChunks());
            ControllerProcess.closeQuietly(node);
        }
    }

    public synchronized StorageNode node(int index) {
        return nodes.get(index);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int controllerCount() {
        return controllers.size();
    }

    public Path nodeDir(int index) {
        return dataDir.resolve("node" + (index + 1));
    }

    public Path controllerDir(int index) {
        return dataDir.resolve(controllers.size() == 1 ? "controller" : "controller" + (index + 1));
    }

    /** The REST URL of the first running controller. */
    public synchronized String url() {
        for (int i = 0; i < controllers.size(); i++) {
            if (controllers.get(i) != null) {
                return url(i);
            }
        }
        throw new IllegalStateException("no controller is running");
    }

    public synchronized String url(int controller) {
        return url(tls.apiScheme(), host, controllerPorts.get(controller));
    }

    private static String url(String scheme, String host, int port) {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return scheme + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    /** The URL of the S3 API, served beside the first controller. */
    public synchronized String s3Url() {
        ControllerProcess first = controller(0);
        if (first.s3Port() < 0) {
            throw new IllegalStateException("this cluster serves no S3 API");
        }
        return url(tls.s3Scheme(), host, first.s3Port());
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Whether the cluster's processes talk to each other over mutual TLS. */
    public boolean internalTls() {
        return tls.internal();
    }

    /** The cluster CA's certificate, which clients of an https:// URL of this cluster trust. */
    public X509Certificate caCertificate() {
        return tls.cluster().ca().certificate();
    }

    /** The first controller, running; for single-controller clusters and tests. */
    public ControllerProcess controller() {
        return controller(0);
    }

    public synchronized ControllerProcess controller(int index) {
        ControllerProcess process = controllers.get(index);
        if (process == null) {
            throw new IllegalStateException("controller " + peers.get(index).id() + " is stopped");
        }
        return process;
    }

    private synchronized List<ControllerProcess> running() {
        return controllers.stream().filter(c -> c != null).toList();
    }

    /**
     * Waits until every running controller sees every running node and is ready ({@link ClusterReadiness}: a leader,
     * enough nodes taking chunks), so the cluster takes writes when start returns and the banner is printed. A cluster
     * of fewer nodes than the replication factor is never ready, and is not waited for.
     */
    private void awaitNodesHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + settings.connectionTimeout().toNanos() + 10_000_000_000L;
        long expected = nodes.stream().filter(n -> n != null).count();
        boolean writable = expected >= settings.replicationFactor();
        while (running().stream().anyMatch(c -> c.controller().service().status().healthy_nodes() < expected
                || writable && !ClusterReadiness.of(c.controller().service()).ready())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("storage nodes did not register with the controllers in time");
            }
            Thread.sleep(20);
        }
    }


    @Override
    public void close() {
        for (int i = 0; i < nodes.size(); i++) {
            stopNode(i);
        }
        for (int i = 0; i < controllers.size(); i++) {
            stopController(i);
        }
        nodeTransport.close();
    }

    /** A node's line to controller {@code index} in this process, whichever incarnation of it runs now. */
    private final class InProcessRegistry implements NodeRegistry {
        private final int index;

        InProcessRegistry(int index) {
            this.index = index;
        }

        private ControllerService service() {
            ControllerProcess process;
            synchronized (LocalCluster.this) {
                process = controllers.get(index);
            }
            if (process == null) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "controller " + peers.get(index).id() + " is stopped");
            }
            return process.controller().service();
        }

        @Override
        public RegisterResponse register(RegisterRequest request) {
            return service().register(request);
        }

        @Override
        public HeartbeatResponse heartbeat(Heartbeat heartbeat) {
            return service().heartbeat(heartbeat);
        }

        @Override
        public void reportLostChunks(LostChunks report) {
            service().reportLostChunks(report);
        }

        @Override
        public String toString() {
            return "controller " + peers.get(index).id();
        }
    }
}
