package io.cairn.app.cli;

import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.Command;

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
            description = {"Print the token that lets a new node or gateway join the cluster (GET /admin/join-token).",
                    "It carries the cluster secret: whoever holds it is a member. Keep it secret."})
    public static final class JoinToken extends TokenView {
        @Override
        String route() {
            return Routes.JOIN_TOKEN;
        }

        @Override
        String hint(URI base) {
            return "Start nodes and gateways with it (or with env CAIRN_JOIN_TOKEN=TOKEN):\n"
                    + "  cairn node --controller " + base + " --join-token TOKEN --data DIR\n"
                    + "  cairn gateway --controller " + base + " --join-token TOKEN\n";
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
