package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.node.NodeSettings;
import io.cairn.node.StorageNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole cluster in one JVM: a controller with its gateway, and N storage nodes, each on its own data directory
 * ({@code dataDir/controller}, {@code dataDir/node1..N}) and port. What {@code ./cairn server} runs, and what
 * integration tests start on ephemeral ports. Nodes reach the controller in-process but the gateway writes to them
 * over HTTP, so the data path is the real one.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dataDir;
    private final String host;
    private final ClusterSettings settings;
    private final ControllerProcess controller;
    private final List<StorageNode> nodes = new ArrayList<>();
    private final List<Integer> nodePorts = new ArrayList<>();

    private LocalCluster(Path dataDir, String host, ClusterSettings settings, ControllerProcess controller) {
        this.dataDir = dataDir;
        this.host = host;
        this.settings = settings;
        this.controller = controller;
    }

    /** @param nodeBasePort port of node 1, the next ones follow; 0 for ephemeral ports */
    public static LocalCluster start(Path dataDir, String host, int port, int nodeCount, int nodeBasePort,
                                     ClusterSettings settings) throws Exception {
        ControllerProcess controller = ControllerProcess.start(dataDir.resolve("controller"), host, port, true, settings);
        LocalCluster cluster = new LocalCluster(dataDir, host, settings, controller);
        try {
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

    /** Starts (or restarts) node {@code index} on its data directory and, after the first start, its old port. */
    public synchronized void startNode(int index) throws Exception {
        if (nodes.get(index) != null) {
            throw new IllegalStateException("node " + (index + 1) + " is running");
        }
        StorageNode node = StorageNode.start(new NodeSettings(nodeDir(index), host, nodePorts.get(index),
                null, null, null, settings.apiKey(), settings.healthCheckInterval()),
                controller.controller().service(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        nodes.set(index, node);
        nodePorts.set(index, node.port());
    }

    /** Stops node {@code index} at once, as a crash would: no goodbye to the controller. */
    public synchronized void stopNode(int index) {
        StorageNode node = nodes.set(index, null);
        if (node != null) {
            ControllerProcess.closeQuietly(node);
        }
    }

    public synchronized StorageNode node(int index) {
        return nodes.get(index);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public Path nodeDir(int index) {
        return dataDir.resolve("node" + (index + 1));
    }

    public String url() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + controller.port();
    }

    public ControllerProcess controller() {
        return controller;
    }

    /** Waits until the controller sees every running node, so the cluster is usable when start returns. */
    private void awaitNodesHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + settings.connectionTimeout().toNanos() + 10_000_000_000L;
        long running = nodes.stream().filter(n -> n != null).count();
        while (controller.controller().service().status().healthy_nodes() < running) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("storage nodes did not register with the controller in time");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < nodes.size(); i++) {
            stopNode(i);
        }
        controller.close();
    }
}
