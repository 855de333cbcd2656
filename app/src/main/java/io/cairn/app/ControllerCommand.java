package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigSource;
import io.cairn.client.ColocatedNodes;
import io.cairn.raft.RaftSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Run a controller (metadata, placement, node registry) with a gateway beside it serving the REST API.")
final class ControllerCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--port", description = "HTTP port for the REST and internal APIs (CONTROLLER_PORT, default 8000).")
    String port;

    @Option(names = "--host", description = "Address to bind (default 0.0.0.0).")
    String host;

    @Option(names = "--data", description = "Metadata directory (METADATA_PATH, default ./data/controller).")
    String data;

    @Option(names = "--no-gateway", description = "Serve only the controller's APIs, not the REST API.")
    boolean noGateway;

    @Option(names = "--controller", paramLabel = "URL[,URL...]", description = "A running controller's URL, where a cairn-join-v2 --join-token is redeemed for the cluster secret on this controller's first start (CONTROLLER_URL); a controller joining a group with a v1 token or CLUSTER_SECRET needs none.")
    String controller;

    @Option(names = "--advertise-host", description = "Host other controllers reach this one's Raft port at, when --peers is not given (ADVERTISE_HOST, default 127.0.0.1).")
    String advertiseHost;

    @Mixin
    ControllerGroupOptions group;

    @Override
    public Integer call() throws Exception {
        ConfigSource src = options.source(System.getenv());
        int p = src.integer(port, "--port", "CONTROLLER_PORT", 8000, 0, 65535);
        Path dir = Path.of(src.string(data, "--data", "METADATA_PATH", "data/controller"));
        String urls = src.string(controller, "--controller", "CONTROLLER_URL", null);
        ClusterSettings configured = options.cluster(src, options.clusterKey(src, dir,
                urls == null ? List.of() : NodeCommand.controllerUrls(urls), true));
        // The S3 API is the gateways' (and ./cairn server's): a controller serves it only when given a port, so that
        // a group of controllers on one machine does not fight over 9000.
        ClusterSettings settings = options.s3PortGiven(src) ? configured : configured.withoutS3();
        String bind = src.string(host, "--host", "BIND_HOST", "0.0.0.0");
        ServerOptions.checkExposure(settings, bind);
        if (!noGateway) {
            options.checkBufferMemory(settings);
        }
        LogSetup.server(options.logDir(src), "controller");
        RaftSettings raft = group.raft(src, dir, src.string(advertiseHost, "--advertise-host", "ADVERTISE_HOST",
                "127.0.0.1"));
        if (raft.peers().size() > 1) {
            System.out.println("Cairn controller " + raft.selfId() + " joining " + raft.peers()
                    + "; it serves once a majority of them runs");
        }
        String raftHost = raft.self().address().substring(0, raft.self().address().lastIndexOf(':'));
        ProcessTls tls = ProcessTls.of(settings, bind, "cairn controller " + raft.selfId(), List.of(raftHost));
        ControllerProcess process = ControllerProcess.start(dir, bind, p,
                !noGateway, ColocatedNodes.NONE, settings, raft, group.reads(src), tls);
        System.out.println("Cairn controller " + raft.selfId() + " listening on " + tls.apiScheme() + " port "
                + process.port() + (process.s3Port() < 0 ? "" : ", S3 API on port " + process.s3Port())
                + " (Raft on " + raft.self().address() + ", metadata in " + dir + ")");
        return ServerLifecycle.runUntilStopped(process);
    }
}
