package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliErrorsTest {
    @ParameterizedTest
    @CsvSource({"400,2", "401,2", "405,2", "409,2", "413,2", "416,2", "429,2", "404,3", "500,4", "502,4", "503,4",
            "302,4"})
    void exitCodeFollowsTheHttpStatus(int status, int exitCode) {
        assertThat(CliErrors.exitCode(status)).isEqualTo(exitCode);
    }

    @Test
    void everyErrorCodeMapsToTheExitCodeOfItsStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            int expected = code.httpStatus() == 404 ? 3 : code.httpStatus() < 500 ? 2 : 4;
            assertThat(CliErrors.exitCode(code.httpStatus())).as(code.name()).isEqualTo(expected);
        }
    }

    @Test
    void theServersErrorJsonBecomesCodeAndMessage() {
        CliException e = CliErrors.fromResponse(409, json("{\"error\":\"ALREADY_EXISTS\",\"message\":\"a.txt exists\"}"));
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("ALREADY_EXISTS: a.txt exists");

        CliException missing = CliErrors.fromResponse(404, json("{\"error\":\"NOT_FOUND\",\"message\":\"no x\"}"));
        assertThat(missing.exitCode()).isEqualTo(3);

        CliException down = CliErrors.fromResponse(503, json("{\"error\":\"INSUFFICIENT_NODES\",\"message\":\"1 < 2\"}"));
        assertThat(down.exitCode()).isEqualTo(4);
        assertThat(down.getMessage()).isEqualTo("INSUFFICIENT_NODES: 1 < 2");
    }

    @Test
    void unauthorizedSaysHowToPassTheKey() {
        CliException e = CliErrors.fromResponse(401, json("{\"error\":\"UNAUTHORIZED\",\"message\":\"missing key\"}"));
        assertThat(e.getMessage()).startsWith("UNAUTHORIZED: missing key").contains("--access-key", "--profile", "--api-key");
    }

    @Test
    void aBodyThatIsNotOurJsonIsShownAsText() {
        CliException e = CliErrors.fromResponse(502, json("<html>\n  Bad   gateway\n</html>"));
        assertThat(e.exitCode()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("HTTP 502: <html> Bad gateway </html>");
        assertThat(CliErrors.fromResponse(500, new byte[0]).getMessage()).isEqualTo("HTTP 500");
    }

    @Test
    void connectionRefusedSaysTheClusterIsNotReachableAndHowToStartOne() {
        CliException e = CliErrors.transport(URI.create("http://localhost:8000"), new ConnectException());
        assertThat(e.exitCode()).isEqualTo(4);
        assertThat(e.getMessage()).contains("not reachable at http://localhost:8000", "connection refused",
                "./cairn server");
        assertThat(CliErrors.transport(URI.create("http://h"), new HttpTimeoutException("slow")).exitCode())
                .isEqualTo(4);
    }

    @Test
    void localFailuresExitWithOne() {
        StringWriter err = new StringWriter();
        int code = CliErrors.run(new PrintWriter(err), () -> {
            throw new NoSuchFileException("missing.bin");
        });
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: no such file or directory: missing.bin" + System.lineSeparator());

        assertThat(CliErrors.run(new PrintWriter(new StringWriter()), () -> {
            throw new CairnException(ErrorCode.INVALID_NAME, "bad");
        })).isEqualTo(1);
        assertThat(CliErrors.run(new PrintWriter(new StringWriter()), () -> {
            throw new IOException("disk full");
        })).isEqualTo(1);
    }

    @Test
    void aCommandAgainstNoClusterExitsWithFourAndTheHint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Cli result = Cli.run(new StatusCommand(), "--url", "http://127.0.0.1:" + port);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("error: the cluster is not reachable at http://127.0.0.1:" + port)
                .contains("./cairn server");
    }

    @Test
    void usageErrorsExitWithOne() {
        assertThat(Cli.run(new LsCommand(), "--no-such-option").exitCode()).isEqualTo(1);
        assertThat(Cli.run(new PutCommand(), "f", "--chunk-size", "lots").exitCode()).isEqualTo(1);
        assertThat(Cli.run(new GetCommand()).exitCode()).isEqualTo(1);
        assertThat(Cli.run(new LsCommand(), "--url", "ftp://x").exitCode()).isEqualTo(1);
    }

    @Test
    void everyCommandHasHelpAndTheObjectVersionOptionIsNotTakenByPicocli() throws Exception {
        CommandLine root = new CommandLine(new Root());
        ClientCommands.all().forEach(root::addSubcommand);
        for (String name : List.of("put", "get", "ls", "rm", "stat", "status", "nodes", "bench")) {
            StringWriter out = new StringWriter();
            root.setOut(new PrintWriter(out));
            assertThat(root.execute(name, "--help")).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage: cairn " + name, "--url=URL", "-h, --help");
        }
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out));
        root.execute("get", "-h");
        assertThat(out.toString()).contains("--version=N");
    }

    @Command(name = "cairn")
    static final class Root {
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
