package io.cairn.app.cli;

import io.cairn.api.NewJoinToken;
import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn admin join-token|metrics-token}: the cluster's tokens. The token alone goes to stdout, so that
 * {@code TOKEN=$(cairn admin join-token)} captures it; how to use it goes to stderr, with TOKEN written as such
 * rather than repeated, because stderr tends to end up in logs.
 */
public final class ClusterTokenCommands {
    private ClusterTokenCommands() {
    }

    abstract static class TokenView extends ServerView {
        abstract String route();

        /** How to use the token, for stderr. */
        abstract String hint(URI base);

        @Override
        int view() throws Exception {
            return JsonViews.show(spec, client, route(), json, Wire.Token.class, (answer, rest) -> {
                PrintWriter err = spec.commandLine().getErr();
                err.print(hint(rest.base()));
                err.flush();
                return answer.token() + "\n";
            });
        }
    }

    @Command(name = "join-token", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Create a token that lets new nodes, gateways or controllers join the cluster "
                    + "(POST /admin/join-token).",
                    "It opens the cluster secret at a controller as many times as --uses says, until --ttl has "
                    + "passed; the server keeps only its secret, sealed. Keep it secret until it is used."})
    public static final class JoinToken extends ServerView {
        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
                description = "How long the token may be used, e.g. 30m, 2h, 1d (at most 30d; default 1h).")
        String ttl;

        @Option(names = "--uses", paramLabel = "N", defaultValue = "1",
                description = "How many processes may join with it (default 1).")
        int uses;

        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.postJson(Routes.JOIN_TOKEN,
                    new Wire.NewJoinToken(ttl, uses)), json, NewJoinToken.class, (token, rest) -> {
                PrintWriter err = spec.commandLine().getErr();
                err.print("Valid until " + token.expires_at() + " for " + token.uses() + " process"
                        + (token.uses() == 1 ? "" : "es") + ". Start nodes and gateways with it (or with env "
                        + "CAIRN_JOIN_TOKEN=TOKEN):\n"
                        + "  cairn node --controller " + rest.base() + " --join-token TOKEN --data DIR\n"
                        + "  cairn gateway --controller " + rest.base() + " --join-token TOKEN\n");
                err.flush();
                return token.token() + "\n";
            });
        }
    }

    @Command(name = "metrics-token", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Print the token Prometheus scrapes /metrics with (GET /admin/metrics-token).",
                    "It opens /metrics only, and reveals nothing of the cluster secret."})
    public static final class MetricsToken extends TokenView {
        @Override
        String route() {
            return Routes.METRICS_TOKEN;
        }

        @Override
        String hint(URI base) {
            return "Prometheus sends it as a bearer token; in its scrape config for " + base + "/metrics:\n"
                    + "  authorization:\n"
                    + "    credentials: TOKEN\n";
        }
    }
}
