package io.cairn.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Delete a file (DELETE /files/NAME): all its versions, or only --version N.")
public final class RmCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name in the bucket.")
    String name;

    @Option(names = "--version", paramLabel = "N", description = "Delete only this version.")
    Long version;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::delete);
    }

    private int delete() throws Exception {
        CliErrors.checkNameAndVersion(name, version);
        try (RestClient rest = RestClient.open(client)) {
            String path = Routes.delete(name) + new QueryString().add("bucket", rest.bucket()).add("version", version);
            Wire.Deleted deleted = rest.json(rest.request(path).DELETE(), Wire.Deleted.class);
            spec.commandLine().getOut().println(summary(name, deleted.versions_deleted()));
        }
        return CliErrors.OK;
    }

    static String summary(String name, List<Long> versions) {
        if (versions == null || versions.isEmpty()) {
            return "deleted " + name;
        }
        String list = versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "deleted " + name + " (version" + (versions.size() == 1 ? " " : "s ") + list + ")";
    }
}
