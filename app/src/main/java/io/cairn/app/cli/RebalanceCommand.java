package io.cairn.app.cli;

import io.cairn.api.BalanceReport;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(name = "rebalance", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Move chunks from the fullest nodes to the emptiest, in the background, until every node's used "
                + "share is within the tolerance of the mean (POST /rebalance); shows how even they are now.")
public final class RebalanceCommand extends ServerView {
    @Override
    int view() throws Exception {
        return JsonViews.send(spec, client, rest -> rest.request(Routes.REBALANCE).POST(BodyPublishers.noBody()), json,
                BalanceReport.class, (report, rest) -> render(report));
    }

    static String render(BalanceReport report) {
        Table table = new Table(List.of(Table.Column.left("NODE"), Table.Column.right("USED"),
                Table.Column.right("CAPACITY"), Table.Column.right("USE%")));
        for (BalanceReport.NodeUse node : report.nodes()) {
            table.row(node.node_id(), Formats.bytes(node.used_bytes()), Formats.bytes(node.capacity_bytes()),
                    percent(node.used_fraction()));
        }
        String state = report.balanced() ? "balanced" : report.moving() ? "moving chunks" : "unbalanced";
        return table.render() + String.format(Locale.ROOT, "mean %s, tolerance %s: %s (%d chunks, %s moved so far)%n",
                percent(report.mean()), percent(report.tolerance()), state, report.moved_chunks(),
                Formats.bytes(report.moved_bytes()));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
