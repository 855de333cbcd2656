package io.cairn.app.cli;

import io.cairn.raft.ControllerPeer;
import java.net.http.HttpRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn admin controllers list|add|remove}: the controller group's members. Each subcommand prints the
 * member list the server answers with, after its change.
 */
@Command(name = "controllers", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "List, add or remove the controllers of the Raft group (/admin/controllers).",
        subcommands = {ControllersCommand.ListMembers.class, ControllersCommand.Add.class,
                ControllersCommand.Remove.class})
public final class ControllersCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static Table table(List<ControllerPeer> members) {
        Table table = new Table(List.of(Table.Column.left("ID"), Table.Column.left("ADDRESS")));
        for (ControllerPeer member : members) {
            table.row(member.id(), member.address());
        }
        return table;
    }

    /** Parses {@code ID=HOST:PORT} as the controllers' --peers lists are parsed, one controller only. */
    static ControllerPeer parseMember(String text) {
        List<ControllerPeer> peers = ControllerPeer.parseList(text);
        if (peers.size() != 1) {
            throw CliErrors.usage("add one controller at a time, as ID=HOST:PORT; got '" + text + "'");
        }
        return peers.getFirst();
    }

    /** One request about the members, then the members' table (or the server's JSON). */
    abstract static class MembersRequest extends ServerView {
        /** Builds the request; it may refuse local input by throwing, before anything is sent. */
        abstract HttpRequest.Builder request(RestClient rest);

        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, this::request, json, Wire.Controllers.class,
                    (members, rest) -> table(members.controllers() == null ? List.of() : members.controllers())
                            .render());
        }
    }

    @Command(name = "list", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "List the controllers of the group (GET /admin/controllers).")
    public static final class ListMembers extends MembersRequest {
        @Override
        HttpRequest.Builder request(RestClient rest) {
            return rest.request(Routes.CONTROLLERS).GET();
        }
    }

    @Command(name = "add", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Add a controller to the group (POST /admin/controllers).",
                    "Start it first, with a --peers list that includes itself; the leader then snapshots its metadata"
                            + " and adds the newcomer by joint consensus."})
    public static final class Add extends MembersRequest {
        @Parameters(index = "0", paramLabel = "ID=HOST:PORT",
                description = "The new controller's id and its Raft endpoint, e.g. c4=10.0.0.4:9870.")
        String member;

        @Override
        HttpRequest.Builder request(RestClient rest) {
            return rest.postJson(Routes.CONTROLLERS, parseMember(member));
        }
    }

    @Command(name = "remove", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Remove a controller from the group (DELETE /admin/controllers/ID); the group keeps at least"
                    + " one.")
    public static final class Remove extends MembersRequest {
        @Parameters(index = "0", paramLabel = "ID", description = "The controller's id, e.g. c3.")
        String id;

        @Override
        HttpRequest.Builder request(RestClient rest) {
            if (id.isBlank()) {
                throw CliErrors.usage("the controller ID must not be empty");
            }
            return rest.request(Routes.controller(id)).DELETE();
        }
    }
}
