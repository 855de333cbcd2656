package io.cairn.app;

import io.cairn.app.config.ConfigException;
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

    @Option(names = "--controller", description = "Controller URL (CONTROLLER_URL), e.g. http://10.0.0.1:8000.")
    String controller;

    @Option(names = "--port", description = "HTTP port (GATEWAY_PORT, default 8080).")
    String port;

    @Option(names = "--host", description = "Address to bind (default 0.0.0.0).")
    String host;

    @Override
    public Integer call() throws Exception {
        ConfigSource src = options.source(System.getenv());
        String url = src.string(controller, "--controller", "CONTROLLER_URL", null);
        if (url == null) {
            throw new ConfigException("--controller (or CONTROLLER_URL) is required");
        }
        int p = src.integer(port, "--port", "GATEWAY_PORT", 8080, 0, 65535);
        LogSetup.server(options.logDir(src), "gateway");
        GatewayProcess process = GatewayProcess.start(url, src.string(host, "--host", "BIND_HOST", "0.0.0.0"), p,
                options.cluster(src));
        System.out.println("Cairn gateway listening on port " + process.port() + ", controller " + url);
        return ServerLifecycle.runUntilStopped(process);
    }
}
