package io.cairn.app.cli;

import io.cairn.api.RecoveryStatus;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "recovery", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Show how far the cluster is from full redundancy, drains in progress and space being reclaimed "
                + "(GET /recovery/status).")
public final class RecoveryCommand extends ServerView {
    @Override
    int view() throws Exception {
        return JsonViews.show(spec, client, Routes.RECOVERY, json, RecoveryStatus.class,
                (status, rest) -> render(status));
    }

    static String render(RecoveryStatus s) {
        Table table = new Table(List.of(Table.Column.left(""), Table.Column.left("")));
        rows(table, s);
        return table.flush(false);
    }

    /** The redundancy and collection rows, shared with {@code cairn status}. */
    static void rows(Table table, RecoveryStatus s) {
        if (!s.leader()) {
            table.row("redundancy:", "ask the controller group's leader (this controller does not repair)");
            return;
        }
        String redundancy = s.under_replicated_chunks() == 0 ? "full"
                : s.under_replicated_chunks() + " chunks short of copies (" + Formats.bytes(s.under_replicated_bytes())
                + "), " + s.single_copy_chunks() + " with one copy left";
        table.row("redundancy:", redundancy);
        if (s.unrecoverable_chunks() > 0) {
            table.row("unreadable:", s.unrecoverable_chunks() + " chunks have no healthy copy until a node returns");
        }
        if (s.repair_queue() > 0 || s.repair_bytes_per_second() > 0) {
            table.row("repairing:", s.repair_queue() + " queued, " + Formats.bytes((long) s.repair_bytes_per_second())
                    + "/s" + (s.seconds_to_full_redundancy() > 0 ? ", full redundancy in about "
                    + Formats.duration(s.seconds_to_full_redundancy()) : ""));
        }
        table.row("repaired:", s.repairs_done() + " copies (" + Formats.bytes(s.repaired_bytes()) + "), "
                + s.repairs_failed() + " failed, " + s.trimmed_copies() + " extra copies trimmed");
        table.row("found:", s.missing_copies_found() + " missing, " + s.corrupt_copies_found() + " corrupt, "
                + s.orphans_doomed() + " orphaned copies");
        for (RecoveryStatus.Draining d : s.draining()) {
            table.row("draining:", d.node_id() + " (" + (d.chunks_left() < 0 ? "starting" : d.chunks_left()
                    + " chunks left") + ")");
        }
        table.row("garbage:", Formats.bytes(s.unreferenced_bytes()) + " unreferenced, "
                + Formats.bytes(s.pending_delete_bytes()) + " being deleted, " + Formats.bytes(s.reclaimed_bytes())
                + " reclaimed");
    }
}
