package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigSource;
import java.nio.file.Path;
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

    @Option(names = "--node-base-port", description = "Port of the first node; the others follow (NODE_BASE_PORT, default 9001).")
    String nodeBasePort;

    @Override
    public Integer call() throws Exception {
        ConfigSource src = options.source(System.getenv());
        ClusterSettings settings = options.cluster(src);
        Path dir = Path.of(src.string(data, "--data", "DATA_DIR", "data"));
        int p = src.integer(port, "--port", "CONTROLLER_PORT", 8000, 0, 65535);
        int n = src.integer(nodes, "--nodes", "NODES", 3, 1, 64);
        int base = src.integer(nodeBasePort, "--node-base-port", "NODE_BASE_PORT", 9001, 0, 65535);
        String bind = src.string(host, "--host", "BIND_HOST", "127.0.0.1");
        LogSetup.server(options.logDir(src), "server");
        LocalCluster cluster = LocalCluster.start(dir, bind, p, n, base, settings);
        System.out.printf("""
                Cairn is running: controller, gateway and %d storage nodes (replication factor %d), data in %s
                  REST API   %s   (try: curl -T FILE %s/files/NAME)
                  CLI        ./cairn put FILE | get NAME | ls | status | nodes
                  Logs       %s
                Stop it with Ctrl-C (or: kill %d).
                """, n, settings.replicationFactor(), dir.toAbsolutePath(), cluster.url(), cluster.url(),
                options.logDir(src).toAbsolutePath(), ProcessHandle.current().pid());
        return ServerLifecycle.runUntilStopped(cluster);
    }
}
