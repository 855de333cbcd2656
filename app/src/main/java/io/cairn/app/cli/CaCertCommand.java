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
 * With a v1 join token (the cluster secret itself) it is derived here, so it needs no connection and no trust yet: the
 * way to bootstrap ({@code cairn-join-v1-$(cat cluster.secret)} on a controller's machine); a v2 token does not carry
 * the secret. Without it the server at {@code --url} is asked ({@code GET /admin/ca-cert}, admin:ServerInfo), over
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
            description = "Derive the CA from a cairn-join-v1- token, the cluster secret (env CAIRN_JOIN_TOKEN), instead of asking a server.")
    String joinToken;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), () -> {
            String pem;
            JoinToken token = joinToken == null || joinToken.isBlank() ? null : JoinToken.parse(joinToken);
            if (token instanceof JoinToken.ClusterSecretToken v1) {
                pem = ClusterCa.derive(v1.key().secret()).pem();
            } else {
                if (token != null) {
                    // A v2 token opens the secret only at a controller, and spends a use doing it.
                    spec.commandLine().getErr().println("A " + JoinToken.V2_PREFIX + " token does not carry the "
                            + "cluster secret: asking " + client.url() + " for the CA instead");
                }
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
