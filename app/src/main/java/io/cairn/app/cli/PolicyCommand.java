package io.cairn.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.PolicyInfo;
import io.cairn.api.UserInfo;
import io.cairn.core.Json;
import io.cairn.core.Names;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn admin policy create|list|info|delete|attach|detach}: named IAM policies (/admin/policies) and which
 * users have them. The canned ones (readonly, readwrite, ...) are built in: they can be attached but not changed.
 */
@Command(name = "policy", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Create, list, show or delete policies (/admin/policies), and attach them to users or detach "
                + "them.",
        subcommands = {PolicyCommand.Create.class, PolicyCommand.ListPolicies.class, PolicyCommand.Info.class,
                PolicyCommand.Delete.class, PolicyCommand.Attach.class, PolicyCommand.Detach.class})
public final class PolicyCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static Table table(List<PolicyInfo> policies) {
        Table table = new Table(List.of(Table.Column.left("NAME"), Table.Column.left("TYPE"),
                Table.Column.left("CREATED")));
        for (PolicyInfo policy : policies) {
            table.row(policy.name(), policy.canned() ? "canned" : "custom", Formats.timestamp(policy.created_at()));
        }
        return table;
    }

    /**
     * The document in FILE (or standard input for {@code -}), as UTF-8 text. It is only checked to be a JSON object:
     * what it says is the server's to judge, but a wrong file is better caught before anything is sent.
     */
    static byte[] document(String file) throws IOException {
        boolean stdin = file.equals("-");
        byte[] bytes = stdin ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        String source = stdin ? "standard input" : file;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CliErrors.usage(source + " is not UTF-8 text");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw CliErrors.usage(source + " is not JSON: " + Json.parserMessage(e) + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw CliErrors.usage(source + " is not a policy document: one JSON object, {\"Version\": ..., "
                    + "\"Statement\": [...]}");
        }
        return bytes;
    }

    /** The document indented, so that {@code policy info NAME > FILE} gives a file {@code policy create} takes. */
    static String pretty(String document) {
        try {
            return Formats.prettyJson(Json.MAPPER.readTree(document)) + "\n";
        } catch (JsonProcessingException e) {
            return document + "\n"; // The server checked it when it was stored: show it as it is rather than fail.
        }
    }

    /** One policy's request. The name is checked here: the server would refuse a bad one too, after a round trip. */
    abstract static class PolicyAction extends ServerView {
        @Parameters(index = "0", paramLabel = "NAME", description = "The policy's name.")
        String name;

        String route() {
            return Routes.policy(Names.policy(name));
        }
    }

    @Command(name = "create", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Create a policy from an IAM policy document, or replace the one of that name "
                    + "(PUT /admin/policies/NAME).",
                    "Names are 1-128 letters, digits or any of '+=,.@_-'; the canned policies cannot be replaced."})
    public static final class Create extends PolicyAction {
        @Parameters(index = "1", paramLabel = "FILE",
                description = "The policy document (JSON, UTF-8), or - to read standard input.")
        String file;

        @Override
        int view() throws Exception {
            byte[] document = document(file);
            return JsonViews.send(spec, client, rest -> rest.withJsonText("PUT", route(), document), json,
                    PolicyInfo.class, (policy, rest) -> table(List.of(policy)).render());
        }
    }

    @Command(name = "list", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "List the policies, canned then custom (GET /admin/policies).")
    public static final class ListPolicies extends ServerView {
        @Override
        int view() throws Exception {
            return JsonViews.show(spec, client, Routes.POLICIES, json, Wire.Policies.class,
                    (policies, rest) -> table(policies.policies() == null ? List.of() : policies.policies())
                            .render());
        }
    }

    @Command(name = "info", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Print a policy's document, indented (GET /admin/policies/NAME).",
                    "With --json: the policy's name, type and creation time, with the document as a string."})
    public static final class Info extends PolicyAction {
        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(route()).GET(), json, PolicyInfo.class,
                    (policy, rest) -> pretty(policy.document()));
        }
    }

    @Command(name = "delete", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Delete a policy (DELETE /admin/policies/NAME): refused while a user has it attached, and "
                    + "for the canned ones.")
    public static final class Delete extends PolicyAction {
        @Override
        int view() throws Exception {
            return JsonViews.send(spec, client, rest -> rest.request(route()).DELETE(), json, Wire.Removed.class,
                    (answer, rest) -> "policy " + answer.deleted() + " deleted\n");
        }
    }

    /**
     * Attaches or detaches one policy: the server applies the change to the user's list as it is then, so two admins
     * changing one user at once both get theirs.
     */
    abstract static class Attachment extends PolicyAction {
        @Option(names = "--user", required = true, paramLabel = "USER", description = "The user.")
        String user;

        abstract String method();

        @Override
        int view() throws Exception {
            String path = Routes.userPolicy(user, Names.policy(name));
            return JsonViews.send(spec, client, rest -> rest.request(path).method(method(),
                    HttpRequest.BodyPublishers.noBody()), json, UserInfo.class,
                    (updated, rest) -> UserCommand.table(List.of(updated)).render());
        }
    }

    @Command(name = "attach", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Attach a policy to a user (POST /admin/users/USER/policies/NAME).")
    public static final class Attach extends Attachment {
        @Override
        String method() {
            return "POST";
        }
    }

    @Command(name = "detach", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "Detach a policy from a user (DELETE /admin/users/USER/policies/NAME).")
    public static final class Detach extends Attachment {
        @Override
        String method() {
            return "DELETE";
        }
    }
}
