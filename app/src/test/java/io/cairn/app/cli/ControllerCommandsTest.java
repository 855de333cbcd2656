package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.RaftStatus;
import io.cairn.api.StatusReport;
import io.cairn.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cairn leader}, {@code cairn admin ...} and the controllers line of {@code cairn status}, against a stub. */
class ControllerCommandsTest {
    private static final String RAFT_STATUS = """
            {"self":"c1","role":"FOLLOWER","leader":"c2","term":4,"commit_index":120,"applied_index":118,
             "snapshot_index":100,"peers":[
              {"id":"c1","address":"10.0.0.1:9870","commit_index":120,"lag":0,"leader":false},
              {"id":"c2","address":"10.0.0.2:9870","commit_index":120,"lag":0,"leader":true},
              {"id":"c3","address":"10.0.0.3:9870","commit_index":97,"lag":23,"leader":false}]}""";

    private static final String MEMBERS = """
            {"controllers":[{"id":"c1","address":"10.0.0.1:9870"},{"id":"c2","address":"10.0.0.2:9870"},
             {"id":"c4","address":"10.0.0.4:9870"}]}""";

    private static final String UNAVAILABLE = """
            {"error":"UNAVAILABLE","message":"no leader: an election is running"}""";

    @Test
    void leaderShowsTheGroupAsTheAnsweringControllerSeesIt() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, RAFT_STATUS))) {
            Cli cli = Cli.run(new LeaderCommand(), "--url", server.url(), "--api-key", "k");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out().lines().toList()).containsExactly(
                    "leader:       c2",
                    "term:         4",
                    "answered by:  c1 (FOLLOWER) at " + server.url(),
                    "its log:      commit 120, applied 118, snapshot 100",
                    "",
                    "ID  ADDRESS        ROLE      COMMIT  LAG",
                    "c1  10.0.0.1:9870  FOLLOWER     120    0",
                    "c2  10.0.0.2:9870  LEADER       120    0",
                    "c3  10.0.0.3:9870  FOLLOWER      97   23");
            StubServer.Request get = server.requests().getFirst();
            assertThat(get.method() + " " + get.rawPath()).isEqualTo("GET /leader/status");
            assertThat(get.header("X-API-Key")).isEqualTo("k");

            Cli json = Cli.run(new LeaderCommand(), "--url", server.url(), "--json");
            assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(Json.MAPPER.readTree(RAFT_STATUS));
        }
    }

    @Test
    void duringAnElectionTheLeaderIsNoneAndUnknownIndexesAreDashes() {
        RaftStatus electing = new RaftStatus("c1", "CANDIDATE", null, 5, 120, 120, -1, List.of(
                new RaftStatus.Peer("c1", "h1:9870", 120, 0, false),
                new RaftStatus.Peer("c2", "h2:9870", -1, -1, false)));

        assertThat(LeaderCommand.render(electing, "http://h1:8000").lines().toList()).containsExactly(
                "leader:       none (an election is running)",
                "term:         5",
                "answered by:  c1 (CANDIDATE) at http://h1:8000",
                "its log:      commit 120, applied 120, snapshot none",
                "",
                "ID  ADDRESS  ROLE       COMMIT  LAG",
                "c1  h1:9870  CANDIDATE     120    0",
                "c2  h2:9870  FOLLOWER        -    -");
        assertThat(LeaderCommand.summary(electing)).isEqualTo("2 (no leader: election running, term 5)");
    }

    @Test
    void statusShowsTheControllersLineOnlyWhenTheServerSendsTheGroup() {
        RaftStatus group = new RaftStatus("c1", "LEADER", "c2", 4, 1, 1, 0, List.of(
                new RaftStatus.Peer("c1", "h1:9870", 1, 0, false), new RaftStatus.Peer("c2", "h2:9870", 1, 0, true),
                new RaftStatus.Peer("c3", "h3:9870", 1, 0, false)));

        assertThat(StatusCommand.render(report(group), "http://h:8000", null))
                .contains("nodes:        3 (3 healthy)\ncontrollers:  3 (leader c2, term 4)\nfiles:");
        assertThat(StatusCommand.render(report(null), "http://h:8000", null)).doesNotContain("controllers");
    }

    @Test
    void addPostsTheNewMemberAsJsonAndPrintsTheMembers() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, MEMBERS))) {
            Cli cli = Cli.run(new AdminCommand(), "controllers", "add", "--url", server.url(), "c4=10.0.0.4:9870");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            StubServer.Request post = server.requests().getFirst();
            assertThat(post.method() + " " + post.rawPath()).isEqualTo("POST /admin/controllers");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(Json.MAPPER.readTree(post.body()))
                    .isEqualTo(Json.MAPPER.readTree("{\"id\":\"c4\",\"address\":\"10.0.0.4:9870\"}"));
            assertThat(cli.out().lines().toList()).containsExactly(
                    "ID  ADDRESS",
                    "c1  10.0.0.1:9870",
                    "c2  10.0.0.2:9870",
                    "c4  10.0.0.4:9870");
        }
    }

    @Test
    void removeDeletesTheMemberAndListGetsThemAll() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, MEMBERS))) {
            Cli remove = Cli.run(new AdminCommand(), "controllers", "remove", "--url", server.url(), "c3");
            Cli list = Cli.run(new AdminCommand(), "controllers", "list", "--url", server.url());
            Cli json = Cli.run(new AdminCommand(), "controllers", "list", "--url", server.url(), "--json");

            assertThat(remove.exitCode()).as(remove.err()).isZero();
            assertThat(remove.out()).startsWith("ID  ADDRESS\nc1  10.0.0.1:9870\n");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out().lines()).hasSize(4);
            assertThat(Json.MAPPER.readTree(json.out())).isEqualTo(Json.MAPPER.readTree(MEMBERS));
            assertThat(server.requests()).extracting(r -> r.method() + " " + r.rawPath() + " " + r.body().length)
                    .containsExactly("DELETE /admin/controllers/c3 0", "GET /admin/controllers 0",
                            "GET /admin/controllers 0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c4", "c4=", "=10.0.0.4:9870", "c4=10.0.0.4", "c4=10.0.0.4:port", "bad id=h:9870",
            "c4=h:9870,c5=h:9870", ""})
    void aBadAddArgumentIsRefusedLocallyWithoutARequest(String member) throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, MEMBERS))) {
            Cli cli = Cli.run(new AdminCommand(), "controllers", "add", "--url", server.url(), member);

            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(CliErrors.LOCAL);
            assertThat(cli.err()).startsWith("error: ");
            assertThat(cli.out()).isEmpty();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aControllerWithoutLeaderAnswers503AndTheCommandsExitWithFour() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 503, UNAVAILABLE))) {
            Cli add = Cli.run(new AdminCommand(), "controllers", "add", "--url", server.url(), "c4=h4:9870");
            Cli leader = Cli.run(new LeaderCommand(), "--url", server.url());

            for (Cli cli : List.of(add, leader)) {
                assertThat(cli.exitCode()).isEqualTo(CliErrors.SERVER);
                assertThat(cli.err()).isEqualTo("error: UNAVAILABLE: no leader: an election is running"
                        + System.lineSeparator());
                assertThat(cli.out()).isEmpty();
            }
        }
    }

    @Test
    void removingAnUnknownControllerExitsWithThree() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 404,
                "{\"error\":\"NOT_FOUND\",\"message\":\"controller c9 is not a member\"}"))) {
            Cli cli = Cli.run(new AdminCommand(), "controllers", "remove", "--url", server.url(), "c9");

            assertThat(cli.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
            assertThat(cli.err()).contains("controller c9 is not a member");
        }
    }

    @Test
    void snapshotPostsAndPrintsTheLogIndex() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200, "{\"snapshot_index\":1234}"))) {
            Cli cli = Cli.run(new AdminCommand(), "snapshot", "--url", server.url());

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out()).isEqualTo("snapshot at log index 1234\n");
            StubServer.Request post = server.requests().getFirst();
            assertThat(post.method() + " " + post.rawPath()).isEqualTo("POST /admin/snapshot");
        }
    }

    @Test
    void theNewCommandsHaveHelpAndAnAdminGroupAloneIsAUsageError() {
        CommandLine root = new CommandLine(new Root());
        ClientCommands.all().forEach(root::addSubcommand);
        for (String command : List.of("leader", "admin", "admin controllers", "admin controllers list",
                "admin controllers add", "admin controllers remove", "admin snapshot")) {
            StringWriter out = new StringWriter();
            root.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            assertThat(root.execute(args.toArray(String[]::new))).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: cairn " + command, "-h, --help");
        }
        root.setErr(new PrintWriter(new StringWriter()));
        assertThat(root.execute("admin")).isEqualTo(CliErrors.LOCAL);
        assertThat(root.execute("admin", "controllers")).isEqualTo(CliErrors.LOCAL);
        assertThat(root.execute("admin", "controllers", "add")).isEqualTo(CliErrors.LOCAL);
    }

    @Command(name = "cairn")
    static final class Root {
    }

    private static StatusReport report(RaftStatus controllers) {
        return new StatusReport("healthy", "cl", 3, 3, 2, 3, 4, 1024, 2048, "2.0 KiB", 1 << 30, 1 << 29, 2, 65,
                "1m 5s", controllers, java.util.List.of());
    }

    /** With several URLs the CLI talks to the first that answers: a dead controller is skipped. */
    @Test
    void aListOfUrlsSkipsTheControllersThatAreDown() throws Exception {
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                req.rawPath().equals("/health") ? "{\"status\":\"ok\"}" : RAFT_STATUS))) {
            Cli cli = Cli.run(new LeaderCommand(), "--url", "http://127.0.0.1:" + dead + "," + server.url());

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("answered by:  c1 (FOLLOWER) at " + server.url());
            assertThat(server.requests()).extracting(StubServer.Request::rawPath)
                    .containsExactly("/health", "/leader/status");
        }
    }
}
