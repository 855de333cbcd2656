package io.cairn.app.cli;

import io.cairn.api.NodeView;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "nodes", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "List the storage nodes (GET /nodes): status, space, chunks and last heartbeat.")
public final class NodesCommand extends ServerView {
    @Override
    int view() throws Exception {
        return JsonViews.show(spec, client, Routes.NODES, json, Wire.Nodes.class,
                (nodes, rest) -> table(nodes.nodes() == null ? List.of() : nodes.nodes()).render());
    }

    static Table table(List<NodeView> nodes) {
        Table table = new Table(List.of(Table.Column.left("ID"), Table.Column.left("URL"), Table.Column.left("STATUS"),
                Table.Column.left("STATE"), Table.Column.right("USED"), Table.Column.right("CAPACITY"), Table.Column.right("USE%"),
                Table.Column.right("CHUNKS"), Table.Column.left("HEARTBEAT")));
        for (NodeView n : nodes) {
            table.row(n.node_id(), n.url(), n.status(), n.state() == null ? "active" : n.state(),
                    Formats.bytes(n.used_bytes()), Formats.bytes(n.capacity_bytes()),
                    Formats.percent(n.used_bytes(), n.capacity_bytes()), n.chunks(),
                    n.last_heartbeat() == null ? "never" : Formats.age(n.last_heartbeat_age_ms()));
        }
        return table;
    }
}
