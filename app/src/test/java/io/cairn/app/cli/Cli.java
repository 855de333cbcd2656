package io.cairn.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs one command as the binary would and captures its exit code, stdout and stderr. */
record Cli(int exitCode, String out, String err) {
    static Cli run(Object command, String... args) {
        return run(System.getenv(), command, args);
    }

    /** With {@code env} as the environment the command's {@link ClientOptions} read, instead of the process's. */
    static Cli run(Map<String, String> env, Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ClientOptions.class ? type.cast(new ClientOptions(env))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }
}
