package io.cairn.app.cli;

import io.cairn.api.NodeView;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn node drain|enable|remove ID}: a storage node's life, as subcommands of {@code cairn node} (which, given
 * none, runs a storage node).
 */
public final class NodeAdminCommands {
    private NodeAdminCommands() {
    }


    /** One node's request, answered by its new state. */
    abstract static class NodeAction extends ServerView {
        @Parameters(index = "0", paramLabel = "ID", description = "The node's id, as `cairn nodes` lists it.")
        String id;

        int post(String action) throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(Routes.node(id) + "/" + action)
                    .POST(BodyPublishers.noBody()), json, NodeView.class,
                    (node, rest) -> NodesCommand.table(List.of(node)).render());
        }
    }

    @Command(name = "drain", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Stop new chunks going to the node and copy its chunks elsewhere (POST /nodes/{id}/drain); "
                    + "it keeps serving reads meanwhile. `cairn recovery` shows the progress.")
    public static final class Drain extends NodeAction {
        @Override
        int view() throws Exception {
            return post("drain");
        }
    }

    @Command(name = "enable", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Let a drained node take new chunks again (POST /nodes/{id}/enable).")
    public static final class Enable extends NodeAction {
        @Override
        int view() throws Exception {
            return post("enable");
        }
    }

    @Command(name = "remove", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Remove the node from the cluster (DELETE /nodes/{id}): refused, saying how many chunks "
                    + "have their only copy there, unless it is drained or dead past the repair delay.")
    public static final class Remove extends NodeAction {
        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(Routes.node(id)).DELETE(), json,
                    Wire.Message.class, (answer, rest) -> "node " + id + " removed\n");
        }
    }
}
