package io.cairn.app.cli;

import io.cairn.api.RecoveryStatus;
import io.cairn.api.StatusReport;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "status", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Show the cluster's summary (GET /status).")
public final class StatusCommand extends ServerView {
    @Override
    int view() throws Exception {
        return JsonViews.show(spec, client, Routes.STATUS, json, StatusReport.class,
                (report, rest) -> render(report, rest.base().toString(), recovery(rest)));
    }

    /** The redundancy figures, from the same server; null (not shown) from a server that has none. */
    private static RecoveryStatus recovery(RestClient rest) {
        try {
            return rest.json(rest.request(Routes.RECOVERY).GET(), RecoveryStatus.class);
        } catch (Exception e) {
            return null;
        }
    }

    static String render(StatusReport s, String url, RecoveryStatus recovery) {
        Table table = new Table(List.of(Table.Column.left(""), Table.Column.left("")));
        table.row("status:", s.status());
        table.row("cluster:", s.cluster_id() + "  at " + url);
        table.row("nodes:", s.nodes() + " (" + s.healthy_nodes() + " healthy)");
        if (s.controllers() != null) {
            table.row("controllers:", LeaderCommand.summary(s.controllers()));
        }
        table.row("files:", s.total_files() + " (" + s.total_versions() + " versions, " + s.total_chunks() + " chunks)");
        table.row("data:", Formats.bytes(s.logical_bytes()) + " stored as " + Formats.bytes(s.storage_used_bytes())
                + " with replicas");
        table.row("capacity:", Formats.bytes(s.capacity_bytes()) + " (" + Formats.bytes(s.free_bytes()) + " free, "
                + Formats.percent(s.capacity_bytes() - s.free_bytes(), s.capacity_bytes()) + " used)");
        table.row("replication:", s.replication_factor());
        table.row("uptime:", s.uptime() != null ? s.uptime() : Formats.duration(s.uptime_seconds()));
        if (recovery != null) {
            RecoveryCommand.rows(table, recovery);
        }
        String summary = table.flush(false);
        if (s.quotas() == null || s.quotas().isEmpty()) {
            return summary;
        }
        return summary + "\nquotas:\n" + QuotaCommand.table(s.quotas()).render();
    }
}
