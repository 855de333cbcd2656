package io.cairn.app.cli;

import java.util.List;

/** The client subcommands, in the order {@code cairn --help} should list them, for the root command to register. */
public final class ClientCommands {
    private ClientCommands() {
    }

    /** For {@code commandLine.addSubcommand(cls)} or {@code @Command(subcommands = ...)}. */
    public static List<Class<?>> all() {
        return List.of(PutCommand.class, GetCommand.class, LsCommand.class, RmCommand.class, StatCommand.class,
                StatusCommand.class, NodesCommand.class, RecoveryCommand.class, RebalanceCommand.class, LeaderCommand.class, AdminCommand.class,
                BenchCommand.class);
    }
}
