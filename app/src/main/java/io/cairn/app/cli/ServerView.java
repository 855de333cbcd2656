package io.cairn.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that asks the server one thing and shows the answer: as a rendered view, or with {@code --json} as the
 * server's JSON. Errors become the CLI's messages and exit codes ({@link CliErrors}).
 */
abstract class ServerView implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "The server's JSON.")
    boolean json;

    /** Sends the request and prints its answer; returns the exit code. */
    abstract int view() throws Exception;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::view);
    }
}
