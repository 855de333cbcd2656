package io.cairn.app;

import java.util.List;
import io.cairn.app.config.ConfigException;
import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run a gateway alone: the REST API in front of a controller.")
final class GatewayCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--controller", description = "Controller URL, or the comma-separated URLs of every controller (CONTROLLER_URL); the gateway fails over between them.")
    String controller;

    @Option(names = "--port", description = "HTTP port (GATEWAY_PORT, default 8080).")
    String port;

    @Option(names = "--host", description = "Address to bind (default 0.0.0.0).")
    String host;

    @Override
    public Integer call() throws Exception {
        ConfigSource src = options.source(System.getenv());
        List<String> urls = NodeCommand.controllerUrls(src.string(controller, "--controller", "CONTROLLER_URL", null));
        int p = src.integer(port, "--port", "GATEWAY_PORT", 8080, 0, 65535);
        LogSetup.server(options.logDir(src), "gateway");
        ClusterSettings settings = options.cluster(src, options.clusterKey(src, null, urls, false));
        String bind = src.string(host, "--host", "BIND_HOST", "0.0.0.0");
        ServerOptions.checkExposure(settings, bind);
        options.checkBufferMemory(settings);
        ProcessTls tls = ProcessTls.of(settings, bind, "cairn gateway " + bind + ":" + p, List.of());
        NodeCommand.requireHttps(urls, tls);
        GatewayProcess process = GatewayProcess.start(urls, bind, p, settings, tls);
        System.out.println("Cairn gateway listening on " + tls.apiScheme() + " port " + process.port() + ", controllers "
                + String.join(", ", urls));
        return ServerLifecycle.runUntilStopped(process);
    }
}
