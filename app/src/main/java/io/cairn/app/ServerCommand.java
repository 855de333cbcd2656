package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigSource;
import io.cairn.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a whole cluster in one process: controller, gateway (REST API) and storage nodes, each node on its own data directory.")
final class ServerCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--data", description = "Data directory (DATA_DIR, default ./data): controller/ and node1..N/ inside.")
    String data;

    @Option(names = "--port", description = "REST API port (CONTROLLER_PORT, default 8000).")
    String port;

    @Option(names = "--host", description = "Address to bind (BIND_HOST, default 127.0.0.1: local only; 0.0.0.0 to share).")
    String host;

    @Option(names = "--nodes", description = "Storage nodes to run (default 3).")
    String nodes;

    @Option(names = "--controllers", description = "Controllers to run as one Raft group: 1, or 3 or 5 to survive the loss of 1 or 2 (CONTROLLERS, default 1). Each serves the REST API on its own port, from --port on.")
    String controllers;

    @Option(names = "--read-consistency", paramLabel = "LEVEL", description = "linearizable (default) or eventual (READ_CONSISTENCY); see the controller command.")
    String readConsistency;

    @Option(names = "--node-base-port", description = "Port of the first node; the others follow (NODE_BASE_PORT, default 9001).")
    String nodeBasePort;

    @Option(names = "--short-circuit", paramLabel = "BOOL", description = "The gateway reads and writes the copies on this process's nodes through their stores, with the same checks and fsyncs, rather than over HTTP through the loopback (SHORT_CIRCUIT, default true; false takes the path of a gateway on another machine).")
    String shortCircuit;

    @Override
    public Integer call() throws Exception {
        ConfigSource src = options.source(System.getenv());
        Path dir = Path.of(src.string(data, "--data", "DATA_DIR", "data"));
        ClusterSettings settings = options.cluster(src, options.clusterKey(src, dir, List.of(), true));
        int p = src.integer(port, "--port", "CONTROLLER_PORT", 8000, 0, 65535);
        int n = src.integer(nodes, "--nodes", "NODES", 3, 1, 64);
        int base = src.integer(nodeBasePort, "--node-base-port", "NODE_BASE_PORT", 9001, 0, 65535);
        String bind = src.string(host, "--host", "BIND_HOST", "127.0.0.1");
        ServerOptions.checkExposure(settings, bind);
        options.checkBufferMemory(settings);
        int c = src.integer(controllers, "--controllers", "CONTROLLERS", 1, 1, 7);
        ControllerGroupOptions group = new ControllerGroupOptions();
        group.readConsistency = readConsistency;
        LogSetup.server(options.logDir(src), "server");
        LocalCluster cluster = LocalCluster.start(dir, bind, p, c, n, base, settings, group.reads(src),
                src.bool(shortCircuit, "--short-circuit", "SHORT_CIRCUIT", true));
        Path ca = writeCa(cluster, dir);
        String curl = ca == null ? "curl " : "curl --cacert " + ca + " ";
        System.out.printf("""
                Cairn is running: %s, gateway and %d storage nodes (replication factor %d), data in %s
                  REST API   %s   (try: %s-u %s:SECRET -T FILE %s/files/NAME)%s
                  S3 API     %s
                  CLI        ./cairn put FILE | get NAME | ls | status | nodes
                  Logs       %s
                Stop it with Ctrl-C (or: kill %d).
                """, c == 1 ? "controller" : c + " controllers (Raft)", n, settings.replicationFactor(),
                dir.toAbsolutePath(), cluster.url(), curl, settings.security().rootAccessKey(), cluster.url(),
                otherControllers(cluster), s3Line(cluster, settings, ca), options.logDir(src).toAbsolutePath(),
                ProcessHandle.current().pid());
        return ServerLifecycle.runUntilStopped(cluster);
    }

    /**
     * The CA of a cluster served over https://, written beside the data as clients need it to trust the cluster (it
     * is public: {@code GET /admin/ca-cert} answers the same); null for plain HTTP.
     */
    private static Path writeCa(LocalCluster cluster, Path dir) throws IOException {
        if (!cluster.url().startsWith("https://")) {
            return null;
        }
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pem.encode(cluster.caCertificate()));
        return ca;
    }

    private static String s3Line(LocalCluster cluster, ClusterSettings settings, Path ca) {
        if (settings.s3() == null) {
            return "off (S3_PORT=-1)";
        }
        String aws = cluster.s3Url().startsWith("https://") ? "AWS_CA_BUNDLE=" + ca + " aws" : "aws";
        return cluster.s3Url() + "   (access key " + settings.security().rootAccessKey() + ", region "
                + settings.s3().region() + "; try: " + aws + " --endpoint-url " + cluster.s3Url() + " s3 ls)";
    }

    private static String otherControllers(LocalCluster cluster) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i < cluster.controllerCount(); i++) {
            lines.append("\n             ").append(cluster.url(i)).append("   (controller c").append(i + 1).append(')');
        }
        return lines.toString();
    }
}
