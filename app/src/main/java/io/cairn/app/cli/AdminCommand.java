package io.cairn.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn admin ...}: administration of the cluster. Only groups its subcommands. */
@Command(name = "admin", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = {"Administer the cluster: users, their access keys, policies and quotas, the cluster's tokens, and the "
                + "controller group's members and snapshots.",
                "controllers and snapshot talk to a controller's URL; the others to any gateway's."},
        subcommands = {UserCommand.class, KeyCommand.class, PolicyCommand.class, QuotaCommand.class,
                ClusterTokenCommands.JoinToken.class, CaCertCommand.class,
                ClusterTokenCommands.MetricsToken.class, ControllersCommand.class, SnapshotCommand.class})
public final class AdminCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
