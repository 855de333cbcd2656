package io.cairn.app.cli;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Snapshot the metadata of the controller at --url now (POST /admin/snapshot), so its Raft log "
                + "can be compacted; prints the snapshot's log index.")
public final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "The server's JSON.")
    boolean json;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::snapshot);
    }

    private int snapshot() throws Exception {
        return JsonViews.send(spec, client, rest -> rest.request(Routes.SNAPSHOT).POST(BodyPublishers.noBody()), json,
                Wire.Snapshot.class, (snapshot, rest) -> render(snapshot.snapshot_index()));
    }

    static String render(long index) {
        return (index < 0 ? "nothing to snapshot yet: no log entry applied" : "snapshot at log index " + index) + "\n";
    }
}
