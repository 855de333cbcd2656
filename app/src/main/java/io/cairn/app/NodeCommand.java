package io.cairn.app;

import java.util.Arrays;
import java.util.List;
import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigException;
import io.cairn.app.cli.NodeAdminCommands;
import io.cairn.app.config.ConfigSource;
import io.cairn.client.ChunkClient;
import io.cairn.client.HttpNodeRegistry;
import io.cairn.client.HttpTransport;
import io.cairn.node.NodeSettings;
import io.cairn.node.StorageNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a storage node; it registers itself with the controller and heartbeats. With a subcommand, "
                + "drain, enable or remove a node of a running cluster instead.",
        subcommands = {NodeAdminCommands.Drain.class, NodeAdminCommands.Enable.class, NodeAdminCommands.Remove.class})
final class NodeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--controller", description = "Controller URL, or the comma-separated URLs of every controller of the group (CONTROLLER_URL), e.g. http://10.0.0.1:8000,http://10.0.0.2:8000. The node reports to each.")
    String controller;

    @Option(names = "--port", description = "Chunk API port (NODE_PORT, else NODE_BASE_PORT, default 9001).")
    String port;

    @Option(names = "--host", description = "Address to bind (BIND_HOST, default 0.0.0.0).")
    String host;

    @Option(names = "--data", description = "Chunk directory (STORAGE_PATH, default ./data/node).")
    String data;

    @Option(names = "--id", description = "Node id on first start (NODE_ID; default: generated, then kept in the data directory).")
    String id;

    @Option(names = "--zone", description = "Failure domain label, e.g. a rack (NODE_ZONE).")
    String zone;

    @Option(names = "--advertise-url", description = "URL other processes use to reach this node (ADVERTISE_URL; default: this host's address on the route to the controller).")
    String advertiseUrl;

    @Override
    public Integer call() throws Exception {
        ConfigSource src = options.source(System.getenv());
        Path dir = Path.of(src.string(data, "--data", "STORAGE_PATH", "data/node"));
        List<String> controllerUrls = controllerUrls(src.string(controller, "--controller", "CONTROLLER_URL", null));
        ClusterSettings settings = options.cluster(src, options.clusterKey(src, dir, controllerUrls, false));
        String controllerUrl = controllerUrls.getFirst();
        int basePort = src.integer(null, "", "NODE_BASE_PORT", 9001, 0, 65535);
        int p = src.integer(port, "--port", "NODE_PORT", basePort, 0, 65535);
        String bind = src.string(host, "--host", "BIND_HOST", "0.0.0.0");
        String advertise = src.string(advertiseUrl, "--advertise-url", "ADVERTISE_URL", null);
        String routeHost = advertise == null ? routeAddress(bind, controllerUrl) : URI.create(advertise).getHost();
        String nodeId = src.string(id, "--id", "NODE_ID", null);
        ProcessTls tls = ProcessTls.of(settings, bind, "cairn node " + (nodeId != null ? nodeId : routeHost + ":" + p),
                List.of(routeHost));
        requireHttps(controllerUrls, tls);
        if (advertise == null && p != 0) {
            advertise = (tls.internal() ? "https://" : "http://") + routeHost + ":" + p;
        }
        LogSetup.server(options.logDir(src), "node-" + dir.getFileName());
        HttpTransport transport = ControllerProcess.transport(settings, tls);
        StorageNode node = StorageNode.start(new NodeSettings(dir, bind, p, advertise, nodeId,
                src.string(zone, "--zone", "NODE_ZONE", null), settings.security().clusterKey(), tls.nodePort(),
                settings.security().metricsPublic(), settings.healthCheckInterval(), settings.reserveFraction(),
                settings.scrubRate(), NodeSettings.DEFAULT_SCRUB_INTERVAL, settings.nodeCapacity(),
                settings.connections()),
                controllerUrls.stream().map(url -> new HttpNodeRegistry(transport, url)).toList(),
                new ChunkClient(transport), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        System.out.println("Cairn storage node listening on port " + node.port() + " (chunks in " + dir
                + "), controllers " + String.join(", ", controllerUrls));
        return ServerLifecycle.runUntilStopped(() -> ControllerProcess.closeQuietly(node, transport));
    }

    /** Parses {@code --controller}: one or more comma-separated http(s) URLs. */
    static List<String> controllerUrls(String value) {
        List<String> urls = value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                .filter(u -> !u.isEmpty()).toList();
        if (urls.isEmpty() || urls.stream().anyMatch(u -> !u.matches("https?://.+"))) {
            throw new ConfigException("--controller (or CONTROLLER_URL) must be the controller's http:// URL, or "
                    + "several separated by commas");
        }
        return urls;
    }

    /**
     * With internal TLS a controller's port is TLS too: a plain URL would fail on every call with an error that does
     * not say why, so it is refused at start.
     */
    static void requireHttps(List<String> controllerUrls, ProcessTls tls) {
        if (tls.internal() && controllerUrls.stream().anyMatch(u -> !u.startsWith("https://"))) {
            throw new ConfigException("internal TLS is on (INTERNAL_TLS=auto on an address other than loopback, or "
                    + "on): the controllers are at https:// URLs, not " + String.join(",", controllerUrls)
                    + " (or turn internal TLS off on every process of the cluster)");
        }
    }

    /**
     * The address of this host on the route to the controller: what the controller and gateways can reach us at.
     * A bound address other than the wildcard is used as is.
     */
    static String routeAddress(String bind, String controllerUrl) {
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
            return bind;
        }
        URI uri = URI.create(controllerUrl);
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort() < 0 ? 80 : uri.getPort()));
            InetAddress local = probe.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                String address = local.getHostAddress();
                return address.contains(":") ? "[" + address + "]" : address;
            }
        } catch (Exception e) {
            // Fall through: a node that cannot resolve its controller will fail to register and say so.
        }
        return "127.0.0.1";
    }
}
