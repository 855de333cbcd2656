package io.cairn.app.cli;

import io.cairn.api.AccessKeyInfo;
import io.cairn.api.NewAccessKey;
import io.cairn.core.Names;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn admin key create|list|enable|disable|delete}: access keys (/admin/keys), what a user signs in with.
 * The secret is shown once, by {@code create}; the server keeps it sealed and never answers with it again.
 */
@Command(name = "key", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Create, list, enable, disable or delete the access keys users sign in with (/admin/keys).",
        subcommands = {KeyCommand.Create.class, KeyCommand.ListKeys.class, KeyCommand.Enable.class,
                KeyCommand.Disable.class, KeyCommand.Delete.class})
public final class KeyCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static Table table(List<AccessKeyInfo> keys) {
        Table table = new Table(List.of(Table.Column.left("ACCESS KEY"), Table.Column.left("USER"),
                Table.Column.left("LABEL"), Table.Column.left("STATUS"), Table.Column.left("CREATED")));
        for (AccessKeyInfo key : keys) {
            table.row(key.access_key(), key.user(), key.label() == null || key.label().isEmpty() ? null : key.label(),
                    UserCommand.status(key.enabled()), Formats.timestamp(key.created_at()));
        }
        return table;
    }

    /** Every key, or {@code user}'s only when not null. */
    static List<AccessKeyInfo> list(RestClient rest, String user) throws InterruptedException {
        List<AccessKeyInfo> keys = rest.getJson(route(user), Wire.AccessKeys.class).keys();
        return keys == null ? List.of() : keys;
    }

    private static String route(String user) {
        return Routes.ACCESS_KEYS + new QueryString().add("user", user == null ? null : Names.user(user));
    }

    /** One key's request, answered by the key (never with its secret). */
    abstract static class KeyAction extends ServerView {
        @Parameters(index = "0", paramLabel = "ID", description = "The access key's id, as `cairn admin key list` "
                + "shows it.")
        String id;

        String route() {
            if (id.isBlank()) {
                throw CliErrors.usage("the access key ID must not be empty");
            }
            return Routes.accessKey(id);
        }

        int post(String action) throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(route() + "/" + action)
                    .POST(BodyPublishers.noBody()), json, AccessKeyInfo.class, (key, rest) -> table(List.of(key))
                    .render());
        }
    }

    @Command(name = "create", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Create an access key for a user (POST /admin/keys) and print its id and secret.",
                    "The secret is shown this once: the server keeps it sealed and cannot show it again."})
    public static final class Create extends ServerView {
        @Parameters(index = "0", paramLabel = "USER", description = "The user the key signs in as.")
        String user;

        @Option(names = {"--name", "--label"}, paramLabel = "LABEL",
                description = "A label to tell the user's keys apart, e.g. ci or laptop.")
        String label;

        // Not --access-key/--secret-key: those are ClientOptions', the key this command signs in with.
        @Option(names = "--key-id", paramLabel = "ID",
                description = "The new key's id, instead of a generated one (to bring a key from another system).")
        String keyId;

        @Option(names = "--key-secret", paramLabel = "SECRET",
                description = "The new key's secret, instead of a generated one. It shows in ps and the shell's "
                        + "history: prefer the generated one.")
        String keySecret;

        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.postJson(Routes.ACCESS_KEYS,
                    new Wire.NewKey(Names.user(user), label, keyId, keySecret)), json, NewAccessKey.class,
                    (key, rest) -> render(key));
        }

        static String render(NewAccessKey key) {
            Table facts = new Table(List.of(Table.Column.left(""), Table.Column.left("")));
            facts.row("access key:", key.access_key());
            facts.row("secret key:", key.secret_key());
            facts.row("user:", key.user());
            if (key.label() != null && !key.label().isEmpty()) {
                facts.row("label:", key.label());
            }
            return facts.flush(false) + "\nThe secret key cannot be shown again: store it now (for the CLI, as a "
                    + "profile of ~/.cairn/credentials).\n";
        }
    }

    @Command(name = "list", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "List the access keys, of every user or of one (GET /admin/keys[?user=USER]); never their "
                    + "secrets.")
    public static final class ListKeys extends ServerView {
        @Parameters(index = "0", arity = "0..1", paramLabel = "USER", description = "Only this user's keys.")
        String user;

        @Override
        int view() throws Exception {
            return JsonViews.show(spec, client, route(user), json, Wire.AccessKeys.class,
                    (keys, rest) -> table(keys.keys() == null ? List.of() : keys.keys()).render());
        }
    }

    @Command(name = "enable", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Accept a disabled access key again (POST /admin/keys/ID/enable).")
    public static final class Enable extends KeyAction {
        @Override
        int view() throws Exception {
            return post("enable");
        }
    }

    @Command(name = "disable", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Refuse requests signed with an access key, keeping it for a later enable "
                    + "(POST /admin/keys/ID/disable).")
    public static final class Disable extends KeyAction {
        @Override
        int view() throws Exception {
            return post("disable");
        }
    }

    @Command(name = "delete", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Delete an access key for good (DELETE /admin/keys/ID).")
    public static final class Delete extends KeyAction {
        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(route()).DELETE(), json, Wire.Removed.class,
                    (answer, rest) -> "access key " + answer.deleted() + " deleted\n");
        }
    }
}
