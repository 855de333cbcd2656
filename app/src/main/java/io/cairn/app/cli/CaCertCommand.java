package io.cairn.app.cli;

import io.cairn.api.JoinToken;
import io.cairn.tls.ClusterCa;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cairn admin ca-cert}: the cluster CA's certificate, PEM, for clients to trust the cluster's https:// ports.
 * With the join token it is derived here, from the secret itself, so it needs no connection and no trust yet: the way
 * to bootstrap. Without it the server at {@code --url} is asked ({@code GET /admin/ca-cert}, admin:ServerInfo), over
 * a connection that must already be trusted.
 */
@Command(name = "ca-cert", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = {"Print the cluster CA's certificate (PEM) for clients of its https:// ports: "
                + "curl --cacert, AWS_CA_BUNDLE, cairn --ca-cert.",
                "With --join-token it is derived locally; otherwise GET /admin/ca-cert at --url."})
public final class CaCertCommand implements Callable<Integer> {
    static final String ROUTE = "/admin/ca-cert";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    // Never shown in --help: the default comes from the environment and is the cluster secret.
    @Option(names = "--join-token", paramLabel = "TOKEN", defaultValue = "${env:CAIRN_JOIN_TOKEN}",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "Derive the CA from the cluster's join token (env CAIRN_JOIN_TOKEN) instead of asking a server.")
    String joinToken;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), () -> {
            String pem;
            if (joinToken != null && !joinToken.isBlank()) {
                pem = ClusterCa.derive(JoinToken.parse(joinToken).secret()).pem();
            } else {
                try (RestClient rest = RestClient.open(client)) {
                    pem = new String(rest.send(rest.request(ROUTE).GET().build(), BodyHandlers.ofByteArray()).body(),
                            StandardCharsets.US_ASCII);
                }
            }
            spec.commandLine().getOut().print(pem);
            spec.commandLine().getOut().flush();
            return CliErrors.OK;
        });
    }
}
