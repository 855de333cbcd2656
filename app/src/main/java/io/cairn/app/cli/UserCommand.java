package io.cairn.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.api.AccessKeyInfo;
import io.cairn.api.UserInfo;
import io.cairn.core.Json;
import io.cairn.core.Names;
import java.io.PrintWriter;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn admin user add|list|info|enable|disable|delete}: the users of the cluster (/admin/users). A user signs
 * in with its access keys ({@code cairn admin key}) and may do what its policies allow ({@code cairn admin policy}).
 */
@Command(name = "user", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Add, list, show, enable, disable or delete users (/admin/users).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Info.class,
                UserCommand.Enable.class, UserCommand.Disable.class, UserCommand.Delete.class})
public final class UserCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static Table table(List<UserInfo> users) {
        Table table = new Table(List.of(Table.Column.left("NAME"), Table.Column.left("STATUS"),
                Table.Column.left("POLICIES"), Table.Column.left("CREATED")));
        for (UserInfo user : users) {
            table.row(user.name(), status(user.enabled()), policies(user.policies()),
                    Formats.timestamp(user.created_at()));
        }
        return table;
    }

    static String status(boolean enabled) {
        return enabled ? "enabled" : "disabled";
    }

    /** "-" for none, as the table shows any absent cell. */
    private static String policies(List<String> names) {
        return names == null || names.isEmpty() ? null : String.join(",", names);
    }

    /** The user named {@code name}: the API lists users but has no route for one. */
    static UserInfo find(RestClient rest, String name) throws InterruptedException {
        List<UserInfo> users = rest.getJson(Routes.USERS, Wire.Users.class).users();
        return (users == null ? List.<UserInfo>of() : users).stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> CliErrors.notFound("no user named '" + name + "'"));
    }

    /** One user's request. The name is checked here: the server would refuse a bad one too, after a round trip. */
    abstract static class UserAction extends ServerView {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
        String name;

        String route() {
            return Routes.user(Names.user(name));
        }

        /** POST to the user's {@code action}, answered by its new state. */
        int post(String action) throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(route() + "/" + action)
                    .POST(BodyPublishers.noBody()), json, UserInfo.class, (user, rest) -> table(List.of(user)).render());
        }
    }

    @Command(name = "add", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Add a user (POST /admin/users). It has no access key yet: `cairn admin key create NAME` "
                    + "makes one.", "Names are 1-64 letters, digits or any of '+=,.@_-', as in IAM."})
    public static final class Add extends UserAction {
        @Option(names = "--policy", paramLabel = "POLICY", split = ",",
                description = "A policy to attach, e.g. readwrite (`cairn admin policy list` shows them); repeat it or"
                        + " separate with commas. Default: none, so the user may do nothing yet.")
        List<String> policies = new ArrayList<>();

        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.postJson(Routes.USERS,
                    new Wire.NewUser(Names.user(name), policies.stream().map(Names::policy).toList())),
                    json, UserInfo.class, (user, rest) -> table(List.of(user)).render());
        }
    }

    @Command(name = "list", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "List the users: status, policies, creation time (GET /admin/users).")
    public static final class ListUsers extends ServerView {
        @Override
        int view() throws Exception {
            return JsonViews.show(spec, client, Routes.USERS, json, Wire.Users.class,
                    (users, rest) -> table(users.users() == null ? List.of() : users.users()).render());
        }
    }

    @Command(name = "info", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Show a user and its access keys (GET /admin/users, GET /admin/keys?user=NAME).",
                    "With --json: the user's JSON with its keys added as \"keys\"."})
    public static final class Info extends UserAction {
        @Override
        int view() throws Exception {
            try (RestClient rest = RestClient.open(client)) {
                UserInfo user = find(rest, Names.user(name));
                List<AccessKeyInfo> keys = KeyCommand.list(rest, name);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ObjectNode view = Json.MAPPER.valueToTree(user);
                    view.set("keys", Json.MAPPER.valueToTree(keys));
                    out.println(Formats.prettyJson(view));
                } else {
                    out.print(render(user, keys));
                    out.flush(); // print() does not flush picocli's writer
                }
            }
            return CliErrors.OK;
        }

        static String render(UserInfo user, List<AccessKeyInfo> keys) {
            Table facts = new Table(List.of(Table.Column.left(""), Table.Column.left("")));
            facts.row("name:", user.name());
            facts.row("status:", status(user.enabled()));
            facts.row("policies:", user.policies() == null || user.policies().isEmpty()
                    ? "none (the user may do nothing)" : String.join(", ", user.policies()));
            facts.row("created:", Formats.timestamp(user.created_at()));
            facts.row("access keys:", keys.isEmpty() ? "none (`cairn admin key create " + user.name()
                    + "` makes one)" : keys.size());
            return facts.flush(false) + (keys.isEmpty() ? "" : '\n' + KeyCommand.table(keys).render());
        }
    }

    @Command(name = "enable", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Let a disabled user sign in again (POST /admin/users/NAME/enable).")
    public static final class Enable extends UserAction {
        @Override
        int view() throws Exception {
            return post("enable");
        }
    }

    @Command(name = "disable", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Refuse every request signed with the user's access keys, keeping the user, its keys and "
                    + "policies for a later enable (POST /admin/users/NAME/disable).")
    public static final class Disable extends UserAction {
        @Override
        int view() throws Exception {
            return post("disable");
        }
    }

    @Command(name = "delete", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Delete a user and its access keys (DELETE /admin/users/NAME).")
    public static final class Delete extends UserAction {
        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(route()).DELETE(), json, Wire.Removed.class,
                    (answer, rest) -> "user " + answer.deleted() + " deleted\n");
        }
    }
}
