package io.cairn.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn admin ...}: administration of the controller group. Only groups its subcommands. */
@Command(name = "admin", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Administer the controller group: its members and snapshots. Talks to a controller's URL.",
        subcommands = {ControllersCommand.class, SnapshotCommand.class})
public final class AdminCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
