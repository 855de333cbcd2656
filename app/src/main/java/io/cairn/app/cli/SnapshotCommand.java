package io.cairn.app.cli;

import java.net.http.HttpRequest.BodyPublishers;
import picocli.CommandLine.Command;

@Command(name = "snapshot", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Snapshot the metadata of the controller at --url now (POST /admin/snapshot), so its Raft log "
                + "can be compacted; prints the snapshot's log index.")
public final class SnapshotCommand extends ServerView {
    @Override
    int view() throws Exception {
        return JsonViews.send(spec, client, rest -> rest.request(Routes.SNAPSHOT).POST(BodyPublishers.noBody()), json,
                Wire.Snapshot.class, (snapshot, rest) -> render(snapshot.snapshot_index()));
    }

    static String render(long index) {
        return (index < 0 ? "nothing to snapshot yet: no log entry applied" : "snapshot at log index " + index) + "\n";
    }
}
