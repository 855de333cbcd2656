package io.cairn.app;

import io.cairn.app.cli.ClientCommands;
import io.cairn.app.config.ConfigException;
import io.cairn.client.HttpTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one binary: server roles and CLI commands as picocli subcommands. */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "cairn 0.1.0", exitCodeOnInvalidInput = 1,
        description = "Cairn: a distributed file and object store.",
        subcommands = {ServerCommand.class, ControllerCommand.class, NodeCommand.class, GatewayCommand.class},
        footer = {"", "Start a local cluster: ./cairn server    Run the tests: ./cairn test"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        HttpTransport.useLargeResponseBuffers();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        ClientCommands.all().forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("cairn: configuration error: " + e.getMessage());
                return 1;
            }
            if (e instanceof IllegalStateException || e instanceof java.io.IOException) {
                // A refused start: a data directory of another node or cluster, a port in use, a locked store.
                cmd.getErr().println("cairn: cannot start: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }
}
