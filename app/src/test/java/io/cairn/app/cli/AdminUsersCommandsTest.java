package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.config.Security;
import io.cairn.core.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cairn admin user|key|policy|join-token|metrics-token}: the requests they send and what they print. */
class AdminUsersCommandsTest {
    private static final String ALICE = """
            {"name":"alice","created_at":"2026-11-22T10:00:00.123Z","enabled":true,"policies":["readonly"]}""";
    private static final String USERS = """
            {"users":[%s,
             {"name":"bob","created_at":"2026-11-22T11:00:00Z","enabled":false,"policies":[]}]}""".formatted(ALICE);
    private static final String ALICES_KEYS = """
            {"keys":[{"access_key":"AKALICE1","user":"alice","label":"ci","created_at":"2026-11-22T10:05:00Z",
              "enabled":true},
             {"access_key":"AKALICE2","user":"alice","label":"","created_at":"2026-11-22T10:06:00Z",
              "enabled":false}]}""";
    private static final String POLICY_DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],\
            "Resource":["arn:aws:s3:::photos/*"]}]}""";
    private static final String ROOT = "Basic " + Base64.getEncoder().encodeToString(
            (Security.DEFAULT_ROOT_ACCESS_KEY + ":" + Security.DEFAULT_ROOT_SECRET_KEY).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    /** The admin command with --url; no credentials file, whatever the home directory of the machine holds. */
    private Cli admin(StubServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.url()));
        return Cli.run(Map.of("CAIRN_CREDENTIALS_FILE", dir.resolve("none").toString()), new AdminCommand(),
                all.toArray(String[]::new));
    }

    private static List<String> sent(StubServer server) {
        return server.requests().stream().map(r -> r.method() + " " + r.rawPath()
                + (r.rawQuery() == null ? "" : "?" + r.rawQuery())).toList();
    }

    private static void assertJson(byte[] actual, String expected) throws Exception {
        assertThat(Json.MAPPER.readTree(actual)).isEqualTo(Json.MAPPER.readTree(expected));
    }

    @Test
    void userAddPostsTheNameAndPoliciesAndPrintsTheUser() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, """
                {"name":"alice","created_at":"2026-11-22T10:00:00Z","enabled":true,"policies":["readonly","p1"]}"""))) {
            Cli cli = admin(server, "user", "add", "alice", "--policy", "readonly", "--policy", "p1");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            StubServer.Request post = server.requests().getFirst();
            assertThat(post.method() + " " + post.rawPath()).isEqualTo("POST /admin/users");
            assertThat(post.header("Authorization")).isEqualTo(ROOT);
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertJson(post.body(), "{\"name\":\"alice\",\"policies\":[\"readonly\",\"p1\"]}");
            assertThat(cli.out().lines().toList()).containsExactly(
                    "NAME   STATUS   POLICIES     CREATED",
                    "alice  enabled  readonly,p1  2026-11-22T10:00:00Z");

            Cli none = admin(server, "user", "add", "bob", "--policy", "a,b");
            assertThat(none.exitCode()).as(none.err()).isZero();
            assertJson(server.requests().get(1).body(), "{\"name\":\"bob\",\"policies\":[\"a\",\"b\"]}");
            admin(server, "user", "add", "carol");
            assertJson(server.requests().get(2).body(), "{\"name\":\"carol\",\"policies\":[]}");
        }
    }

    @Test
    void aRefusedUserAddPrintsTheServersErrorAndExitsWithTwo() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 409,
                "{\"error\":\"ALREADY_EXISTS\",\"message\":\"user 'alice' already exists\"}"))) {
            Cli cli = admin(server, "user", "add", "alice");

            assertThat(cli.exitCode()).isEqualTo(CliErrors.REFUSED);
            assertThat(cli.err()).isEqualTo("error: ALREADY_EXISTS: user 'alice' already exists"
                    + System.lineSeparator());
            assertThat(cli.out()).isEmpty();
        }
    }

    @Test
    void userListIsATableOrTheServersJson() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, USERS))) {
            Cli list = admin(server, "user", "list");
            Cli json = admin(server, "user", "list", "--json");

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out().lines().toList()).containsExactly(
                    "NAME   STATUS    POLICIES  CREATED",
                    "alice  enabled   readonly  2026-11-22T10:00:00Z",
                    "bob    disabled  -         2026-11-22T11:00:00Z");
            assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(Json.MAPPER.readTree(USERS));
            assertThat(sent(server)).containsExactly("GET /admin/users", "GET /admin/users");
        }
    }

    @Test
    void userInfoShowsTheUserAndItsKeys() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.rawPath().equals("/admin/users") ? USERS : ALICES_KEYS))) {
            Cli cli = admin(server, "user", "info", "alice");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(sent(server)).containsExactly("GET /admin/users", "GET /admin/keys?user=alice");
            assertThat(cli.out().lines().toList()).containsExactly(
                    "name:         alice",
                    "status:       enabled",
                    "policies:     readonly",
                    "created:      2026-11-22T10:00:00Z",
                    "access keys:  2",
                    "",
                    "ACCESS KEY  USER   LABEL  STATUS    CREATED",
                    "AKALICE1    alice  ci     enabled   2026-11-22T10:05:00Z",
                    "AKALICE2    alice  -      disabled  2026-11-22T10:06:00Z");

            Cli json = admin(server, "user", "info", "alice", "--json");
            assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(Json.MAPPER.readTree(
                    ALICE.replace("}", ",\"keys\":" + Json.MAPPER.readTree(ALICES_KEYS).get("keys") + "}")));
        }
    }

    @Test
    void userInfoOfAUserWithoutKeysSaysHowToMakeOne() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.rawPath().equals("/admin/users") ? USERS : "{\"keys\":[]}"))) {
            Cli cli = admin(server, "user", "info", "bob");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("status:       disabled\n",
                    "policies:     none (the user may do nothing)\n",
                    "access keys:  none (`cairn admin key create bob` makes one)\n");
            assertThat(sent(server)).containsExactly("GET /admin/users", "GET /admin/keys?user=bob");
        }
    }

    @Test
    void userInfoOfAnUnknownUserExitsWithThree() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, USERS))) {
            Cli cli = admin(server, "user", "info", "carol");

            assertThat(cli.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
            assertThat(cli.err()).isEqualTo("error: no user named 'carol'" + System.lineSeparator());
            assertThat(sent(server)).containsExactly("GET /admin/users");
        }
    }

    @Test
    void userEnableDisableAndDeleteEncodeTheName() throws Exception {
        String name = "a+b=c,d.e@f_g-h";
        String user = "{\"name\":\"" + name + "\",\"created_at\":\"2026-11-22T10:00:00Z\",\"enabled\":false,"
                + "\"policies\":[\"readonly\",\"readwrite\"]}";
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.method().equals("DELETE") ? "{\"deleted\":\"" + name + "\"}" : user))) {
            Cli enable = admin(server, "user", "enable", name);
            Cli disable = admin(server, "user", "disable", name);
            Cli delete = admin(server, "user", "delete", name);

            assertThat(enable.exitCode()).as(enable.err()).isZero();
            assertThat(disable.out().lines().toList()).containsExactly(
                    "NAME             STATUS    POLICIES            CREATED",
                    name + "  disabled  readonly,readwrite  2026-11-22T10:00:00Z");
            assertThat(delete.out()).isEqualTo("user " + name + " deleted\n");
            String encoded = "/admin/users/a%2Bb%3Dc%2Cd.e%40f_g-h";
            assertThat(sent(server)).containsExactly("POST " + encoded + "/enable", "POST " + encoded + "/disable",
                    "DELETE " + encoded);
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.body()).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "ü", "x:y"})
    void aBadUserNameIsRefusedWithoutARequest(String name) throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, ALICE))) {
            for (String command : List.of("add", "info", "enable", "delete")) {
                Cli cli = admin(server, "user", command, name);

                assertThat(cli.exitCode()).as(command).isEqualTo(CliErrors.LOCAL);
                assertThat(cli.err()).as(command).startsWith("error: INVALID_NAME: user names are 1-64");
            }
            Cli badPolicy = admin(server, "user", "add", "alice", "--policy", "no such");
            assertThat(badPolicy.err()).startsWith("error: INVALID_NAME: policy names are 1-128");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void keyCreatePrintsTheSecretOnceAndSaysItCannotBeShownAgain() throws Exception {
        String created = """
                {"access_key":"AKNEW123","secret_key":"s3cr3t/s3cr3t","user":"alice","label":"ci",
                 "created_at":"2026-11-22T10:00:00Z"}""";
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, created))) {
            Cli cli = admin(server, "key", "create", "alice", "--name", "ci");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            StubServer.Request post = server.requests().getFirst();
            assertThat(post.method() + " " + post.rawPath()).isEqualTo("POST /admin/keys");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertJson(post.body(), "{\"user\":\"alice\",\"label\":\"ci\"}");
            assertThat(cli.out().lines().toList()).containsExactly(
                    "access key:  AKNEW123",
                    "secret key:  s3cr3t/s3cr3t",
                    "user:        alice",
                    "label:       ci",
                    "",
                    "The secret key cannot be shown again: store it now (for the CLI, as a profile of"
                            + " ~/.cairn/credentials).");

            Cli chosen = admin(server, "key", "create", "alice", "--key-id", "AKMINE", "--key-secret",
                    "chosen-secret-1", "--json", "--access-key", "root", "--secret-key", "rootsecret");
            assertThat(chosen.exitCode()).as(chosen.err()).isZero();
            StubServer.Request second = server.requests().get(1);
            assertJson(second.body(), "{\"user\":\"alice\",\"access_key\":\"AKMINE\",\"secret_key\":\"chosen-secret-1\"}");
            // --access-key/--secret-key sign the request in; they are not the new key's.
            assertThat(second.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("root:rootsecret".getBytes(StandardCharsets.UTF_8)));
            assertThat(Json.MAPPER.readTree(chosen.out())).isEqualTo(Json.MAPPER.readTree(created));
        }
    }

    @Test
    void keyListShowsEveryKeyOrOneUsersWithoutSecrets() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, ALICES_KEYS))) {
            Cli all = admin(server, "key", "list");
            Cli alices = admin(server, "key", "list", "alice");
            Cli json = admin(server, "key", "list", "--json");

            assertThat(all.exitCode()).as(all.err()).isZero();
            assertThat(all.out().lines().toList()).containsExactly(
                    "ACCESS KEY  USER   LABEL  STATUS    CREATED",
                    "AKALICE1    alice  ci     enabled   2026-11-22T10:05:00Z",
                    "AKALICE2    alice  -      disabled  2026-11-22T10:06:00Z");
            assertThat(alices.out()).isEqualTo(all.out());
            assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(Json.MAPPER.readTree(ALICES_KEYS));
            assertThat(sent(server)).containsExactly("GET /admin/keys", "GET /admin/keys?user=alice",
                    "GET /admin/keys");
        }
    }

    @Test
    void keyEnableDisableAndDeleteEncodeTheId() throws Exception {
        String id = "AK/1 x+%";
        String key = "{\"access_key\":\"" + id + "\",\"user\":\"alice\",\"label\":\"ci\","
                + "\"created_at\":\"2026-11-22T10:05:00Z\",\"enabled\":true}";
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.method().equals("DELETE") ? "{\"deleted\":\"" + id + "\"}" : key))) {
            Cli enable = admin(server, "key", "enable", id);
            Cli disable = admin(server, "key", "disable", id);
            Cli delete = admin(server, "key", "delete", id);

            assertThat(enable.exitCode()).as(enable.err()).isZero();
            assertThat(enable.out().lines().toList()).containsExactly(
                    "ACCESS KEY  USER   LABEL  STATUS   CREATED",
                    id + "    alice  ci     enabled  2026-11-22T10:05:00Z");
            assertThat(disable.exitCode()).as(disable.err()).isZero();
            assertThat(delete.out()).isEqualTo("access key " + id + " deleted\n");
            String encoded = "/admin/keys/AK%2F1%20x%2B%25";
            assertThat(sent(server)).containsExactly("POST " + encoded + "/enable", "POST " + encoded + "/disable",
                    "DELETE " + encoded);
            assertThat(admin(server, "key", "delete", " ").exitCode()).isEqualTo(CliErrors.LOCAL);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void policyCreateSendsTheFileByteForByte() throws Exception {
        String document = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [] \n}\n";
        Path file = Files.writeString(dir.resolve("policy.json"), document);
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                "{\"name\":\"photos-ro\",\"canned\":false,\"document\":\"{}\",\"created_at\":\"2026-11-22T10:00:00Z\"}"))) {
            Cli cli = admin(server, "policy", "create", "photos-ro", file.toString());

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            StubServer.Request put = server.requests().getFirst();
            assertThat(put.method() + " " + put.rawPath()).isEqualTo("PUT /admin/policies/photos-ro");
            assertThat(put.header("Content-Type")).isEqualTo("application/json");
            assertThat(put.header("Authorization")).isEqualTo(ROOT);
            assertThat(put.bodyText()).isEqualTo(document);
            assertThat(cli.out().lines().toList()).containsExactly(
                    "NAME       TYPE    CREATED",
                    "photos-ro  custom  2026-11-22T10:00:00Z");
        }
    }

    @Test
    void policyCreateReadsStandardInputForADash() throws Exception {
        InputStream stdin = System.in;
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                "{\"name\":\"p\",\"canned\":false,\"document\":\"{}\",\"created_at\":\"2026-11-22T10:00:00Z\"}"))) {
            System.setIn(new ByteArrayInputStream(POLICY_DOCUMENT.getBytes(StandardCharsets.UTF_8)));
            Cli cli = admin(server, "policy", "create", "p", "-");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(server.requests().getFirst().bodyText()).isEqualTo(POLICY_DOCUMENT);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void policyCreateRefusesWhatIsNotAJsonDocumentWithoutARequest() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "{\"Version\": \"2012-10-17\",\n \"Statement\": [}");
        Path array = Files.writeString(dir.resolve("b.json"), "[]");
        Path latin1 = Files.write(dir.resolve("c.json"), "{\"Sid\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, "{}"))) {
            Cli bad = admin(server, "policy", "create", "p", notJson.toString());
            Cli notObject = admin(server, "policy", "create", "p", array.toString());
            Cli notUtf8 = admin(server, "policy", "create", "p", latin1.toString());
            Cli missing = admin(server, "policy", "create", "p", dir.resolve("nope.json").toString());

            assertThat(List.of(bad, notObject, notUtf8, missing)).allSatisfy(cli ->
                    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(CliErrors.LOCAL));
            assertThat(bad.err()).startsWith("error: " + notJson + " is not JSON: ").contains("(line 2, column");
            assertThat(notObject.err()).startsWith("error: " + array + " is not a policy document");
            assertThat(notUtf8.err()).isEqualTo("error: " + latin1 + " is not UTF-8 text" + System.lineSeparator());
            assertThat(missing.err()).startsWith("error: no such file or directory: ");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void policyListAndInfo() throws Exception {
        String policies = """
                {"policies":[{"name":"readonly","canned":true,"document":"{}"},
                 {"name":"photos-ro","canned":false,"document":%s,"created_at":"2026-11-22T10:00:00Z"}]}"""
                .formatted(Json.MAPPER.writeValueAsString(POLICY_DOCUMENT));
        String one = Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(policies).get("policies").get(1));
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.rawPath().equals("/admin/policies") ? policies : one))) {
            Cli list = admin(server, "policy", "list");
            Cli info = admin(server, "policy", "info", "photos-ro");
            Cli json = admin(server, "policy", "info", "photos-ro", "--json");

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out().lines().toList()).containsExactly(
                    "NAME       TYPE    CREATED",
                    "readonly   canned  -",
                    "photos-ro  custom  2026-11-22T10:00:00Z");
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.out()).isEqualTo(Formats.prettyJson(Json.MAPPER.readTree(POLICY_DOCUMENT)) + "\n");
            assertThat(info.out()).startsWith("{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [ {\n");
            assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(Json.MAPPER.readTree(one));
            assertThat(sent(server)).containsExactly("GET /admin/policies", "GET /admin/policies/photos-ro",
                    "GET /admin/policies/photos-ro");
        }
    }

    @Test
    void policyDeleteAndItsRefusalWhileAttached() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> {
            if (req.rawPath().endsWith("/used")) {
                StubServer.json(ex, 409, "{\"error\":\"CONFLICT\",\"message\":\"policy 'used' is attached to user "
                        + "'alice'\"}");
            } else {
                StubServer.json(ex, 200, "{\"deleted\":\"p@1\"}");
            }
        })) {
            Cli delete = admin(server, "policy", "delete", "p@1");
            Cli refused = admin(server, "policy", "delete", "used");

            assertThat(delete.exitCode()).as(delete.err()).isZero();
            assertThat(delete.out()).isEqualTo("policy p@1 deleted\n");
            assertThat(refused.exitCode()).isEqualTo(CliErrors.REFUSED);
            assertThat(refused.err()).contains("policy 'used' is attached to user 'alice'");
            assertThat(sent(server)).containsExactly("DELETE /admin/policies/p%401", "DELETE /admin/policies/used");
        }
    }

    /** A stub keeping alice's policies (readonly at first) that attaches and detaches one as the server does. */
    private static StubServer usersServer() throws Exception {
        List<String> policies = new ArrayList<>(List.of("readonly"));
        Pattern path = Pattern.compile("/admin/users/([^/]+)/policies/([^/]+)");
        return new StubServer((req, ex) -> {
            Matcher m = path.matcher(req.rawPath());
            if (!m.matches() || !m.group(1).equals("alice")) {
                StubServer.json(ex, 404, "{\"error\":\"NOT_FOUND\",\"message\":\"no user 'carol'\"}");
                return;
            }
            boolean attach = req.method().equals("POST");
            if (attach == policies.contains(m.group(2))) {
                StubServer.json(ex, attach ? 409 : 404, attach
                        ? "{\"error\":\"ALREADY_EXISTS\",\"message\":\"user 'alice' already has policy '"
                                + m.group(2) + "'\"}"
                        : "{\"error\":\"NOT_FOUND\",\"message\":\"policy '" + m.group(2)
                                + "' is not attached to user 'alice'\"}");
                return;
            }
            if (attach) {
                policies.add(m.group(2));
            } else {
                policies.remove(m.group(2));
            }
            StubServer.json(ex, 200, ALICE.replace("[\"readonly\"]", Json.MAPPER.writeValueAsString(policies)));
        });
    }

    @Test
    void attachAndDetachChangeOnePolicyEachOnTheServer() throws Exception {
        try (StubServer server = usersServer()) {
            Cli attach = admin(server, "policy", "attach", "photos-ro", "--user", "alice");
            Cli detach = admin(server, "policy", "detach", "readonly", "--user", "alice");

            assertThat(attach.exitCode()).as(attach.err()).isZero();
            assertThat(attach.out().lines().toList()).containsExactly(
                    "NAME   STATUS   POLICIES            CREATED",
                    "alice  enabled  readonly,photos-ro  2026-11-22T10:00:00Z");
            assertThat(detach.exitCode()).as(detach.err()).isZero();
            assertThat(detach.out()).contains("alice  enabled  photos-ro");
            assertThat(sent(server)).containsExactly("POST /admin/users/alice/policies/photos-ro",
                    "DELETE /admin/users/alice/policies/readonly");
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.body()).isEmpty());
        }
    }

    @Test
    void aChangeThatChangesNothingIsTheServersRefusal() throws Exception {
        try (StubServer server = usersServer()) {
            Cli detach = admin(server, "policy", "detach", "readwrite", "--user", "alice");
            Cli attach = admin(server, "policy", "attach", "readonly", "--user", "alice");
            Cli unknown = admin(server, "policy", "attach", "readonly", "--user", "carol");
            Cli noUser = admin(server, "policy", "attach", "readonly");

            assertThat(detach.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
            assertThat(detach.err()).contains("policy 'readwrite' is not attached to user 'alice'");
            assertThat(attach.exitCode()).isEqualTo(CliErrors.REFUSED);
            assertThat(attach.err()).contains("user 'alice' already has policy 'readonly'");
            assertThat(unknown.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
            assertThat(unknown.err()).contains("no user 'carol'");
            assertThat(noUser.exitCode()).isEqualTo(CliErrors.LOCAL);
            assertThat(noUser.err()).contains("Missing required option: '--user=USER'");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void joinTokenCreatesATokenAndPrintsItAloneOnStdoutAndTheHintOnStderr() throws Exception {
        String token = "cairn-join-v2-0123456789abcdef.00112233445566778899aabbccddeeff";
        try (StubServer server = new StubServer((req, ex) -> {
            if (req.rawPath().equals("/admin/join-token")) {
                StubServer.json(ex, 201, "{\"token\":\"" + token + "\",\"id\":\"0123456789abcdef\","
                        + "\"expires_at\":\"2026-12-06T11:00:00Z\",\"uses\":3}");
            } else {
                StubServer.json(ex, 200, "{\"token\":\"cairn-metrics-xyz\"}");
            }
        })) {
            Cli join = admin(server, "join-token");
            Cli metrics = admin(server, "metrics-token");
            Cli json = admin(server, "join-token", "--ttl", "30m", "--uses", "3", "--json");

            assertThat(join.exitCode()).as(join.err()).isZero();
            assertThat(join.out()).isEqualTo(token + "\n");
            assertThat(join.err()).contains("cairn node --controller " + server.url() + " --join-token TOKEN")
                    .contains("Valid until 2026-12-06T11:00:00Z for 3 processes").doesNotContain("00112233");
            assertThat(metrics.out()).isEqualTo("cairn-metrics-xyz\n");
            assertThat(metrics.err()).contains("authorization:\n    credentials: TOKEN").doesNotContain("xyz");
            assertThat(Json.MAPPER.readTree(json.out()).get("token").asText()).isEqualTo(token);
            assertThat(json.err()).isEmpty();
            assertThat(sent(server)).containsExactly("POST /admin/join-token", "GET /admin/metrics-token",
                    "POST /admin/join-token");
            assertJson(server.requests().get(0).body(), "{\"ttl\":\"1h\",\"uses\":1}");
            assertJson(server.requests().get(2).body(), "{\"ttl\":\"30m\",\"uses\":3}");
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(ROOT));
        }
    }

    @Test
    void everyNewCommandHasHelpAndAGroupAloneIsAUsageError() {
        CommandLine root = new CommandLine(new Root());
        ClientCommands.all().forEach(root::addSubcommand);
        List<String> commands = Stream.of(
                "user", "user add", "user list", "user info", "user enable", "user disable", "user delete",
                "key", "key create", "key list", "key enable", "key disable", "key delete",
                "policy", "policy create", "policy list", "policy info", "policy delete", "policy attach",
                "policy detach", "join-token", "metrics-token").map(c -> "admin " + c).toList();
        for (String command : commands) {
            StringWriter out = new StringWriter();
            root.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            assertThat(root.execute(args.toArray(String[]::new))).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: cairn " + command, "-h, --help");
        }
        root.setErr(new PrintWriter(new StringWriter()));
        for (String group : List.of("user", "key", "policy")) {
            assertThat(root.execute("admin", group)).as(group).isEqualTo(CliErrors.LOCAL);
        }
    }

    @Command(name = "cairn")
    static final class Root {
    }

    @Test
    void quotaSetPutsTheLimitsAndListShowsWhatIsHeld() throws Exception {
        String quota = """
                {"scope":"bucket","name":"photos","max_bytes":10737418240,"max_objects":0,"used_bytes":1048576,
                 "used_objects":3}""";
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.method().equals("PUT") ? quota : "{\"quotas\":[" + quota + "]}"))) {
            Cli set = admin(server, "quota", "set", "bucket", "photos", "--max-bytes", "10GiB");
            assertThat(set.exitCode()).as(set.err()).isZero();
            StubServer.Request put = server.requests().getFirst();
            assertThat(put.method() + " " + put.rawPath()).isEqualTo("PUT /admin/quotas/bucket/photos");
            assertJson(put.body(), "{\"max_bytes\":\"10GiB\",\"max_objects\":0}");

            Cli list = admin(server, "quota", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("bucket", "photos", "1.0 MiB", "10.0 GiB");

            Cli wrong = admin(server, "quota", "set", "team", "photos", "--max-objects", "5");
            assertThat(wrong.exitCode()).isEqualTo(CliErrors.LOCAL);
            assertThat(wrong.err()).contains("bucket or user");
            assertThat(server.requests()).hasSize(2);
        }
    }
}
