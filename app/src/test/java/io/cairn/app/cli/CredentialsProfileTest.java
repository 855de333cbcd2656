package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.config.Security;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who a command signs in as and where it goes: flags, then the environment, then a profile of the credentials file,
 * then the development root and http://localhost:8000. The file is a temporary one, named by CAIRN_CREDENTIALS_FILE.
 */
class CredentialsProfileTest {
    @TempDir
    Path dir;

    private StubServer server;
    private Path file;
    /** A URL where nothing listens: a profile whose url must lose points there. */
    private String deadUrl;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer((req, ex) -> StubServer.json(ex, 200, "{\"users\":[]}"));
        file = dir.resolve("credentials");
        try (ServerSocket socket = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void write(String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code cairn admin user list ARGS} with the environment {@code vars} (name, value, ...) and our file. */
    private Cli run(List<String> vars, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("CAIRN_CREDENTIALS_FILE", file.toString()));
        for (int i = 0; i < vars.size(); i += 2) {
            env.put(vars.get(i), vars.get(i + 1));
        }
        List<String> all = new ArrayList<>(List.of("user", "list"));
        all.addAll(List.of(args));
        return Cli.run(env, new AdminCommand(), all.toArray(String[]::new));
    }

    private static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private String lastAuthorization() {
        return server.requests().getLast().header("Authorization");
    }

    @Test
    void theDefaultProfileGivesTheKeyAndTheUrl() throws Exception {
        write("# made by hand\n[default]\naccess_key = AKDEFAULT\nsecret_key=s=cret with spaces \n"
                + "url = " + server.url() + "\n\n[other]\naccess_key = AKOTHER\nsecret_key = other\n");

        Cli cli = run(List.of());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(lastAuthorization()).isEqualTo(basic("AKDEFAULT", "s=cret with spaces"));
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheProfile() throws Exception {
        write("[default]\naccess_key = AKPROFILE\nsecret_key = fromprofile\nurl = " + deadUrl + "\n");

        Cli fromEnv = run(List.of("CAIRN_URL", server.url(), "CAIRN_ACCESS_KEY", "AKENV", "CAIRN_SECRET_KEY", "env"));
        assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
        assertThat(lastAuthorization()).isEqualTo(basic("AKENV", "env"));

        Cli fromFlags = run(List.of("CAIRN_URL", deadUrl, "CAIRN_ACCESS_KEY", "AKENV", "CAIRN_SECRET_KEY", "env"),
                "--url", server.url(), "--access-key", "AKFLAG", "--secret-key", "flag");
        assertThat(fromFlags.exitCode()).as(fromFlags.err()).isZero();
        assertThat(lastAuthorization()).isEqualTo(basic("AKFLAG", "flag"));

        Cli apiKey = run(List.of("API_KEY", "legacy"), "--url", server.url());
        assertThat(apiKey.exitCode()).as(apiKey.err()).isZero();
        assertThat(server.requests().getLast().header("X-API-Key")).isEqualTo("legacy");
        assertThat(lastAuthorization()).isNull();

        Cli profileKeyOnly = run(List.of(), "--url", server.url());
        assertThat(profileKeyOnly.exitCode()).as(profileKeyOnly.err()).isZero();
        assertThat(lastAuthorization()).isEqualTo(basic("AKPROFILE", "fromprofile"));

        Cli profileUrl = run(List.of());
        assertThat(profileUrl.exitCode()).isEqualTo(CliErrors.SERVER);
        assertThat(profileUrl.err()).contains("not reachable at " + deadUrl);
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void aProfileIsChosenByFlagOrEnvironment() throws Exception {
        write("[default]\naccess_key = AKDEFAULT\nsecret_key = d\n[ci]\naccess_key = AKCI\nsecret_key = c\n"
                + "[ops]\naccess_key = AKOPS\nsecret_key = o\n");

        run(List.of(), "--url", server.url(), "--profile", "ci");
        assertThat(lastAuthorization()).isEqualTo(basic("AKCI", "c"));
        run(List.of("CAIRN_PROFILE", "ops"), "--url", server.url());
        assertThat(lastAuthorization()).isEqualTo(basic("AKOPS", "o"));
        run(List.of("CAIRN_PROFILE", "ops"), "--url", server.url(), "--profile", "ci");
        assertThat(lastAuthorization()).isEqualTo(basic("AKCI", "c"));
    }

    @Test
    void withoutAFileOrADefaultProfileTheDevelopmentRootSignsIn() throws Exception {
        String root = basic(Security.DEFAULT_ROOT_ACCESS_KEY, Security.DEFAULT_ROOT_SECRET_KEY);

        Cli noFile = run(List.of(), "--url", server.url());
        assertThat(noFile.exitCode()).as(noFile.err()).isZero();
        assertThat(lastAuthorization()).isEqualTo(root);

        write("[ci]\naccess_key = AKCI\nsecret_key = c\n");
        Cli noDefault = run(List.of(), "--url", server.url());
        assertThat(noDefault.exitCode()).as(noDefault.err()).isZero();
        assertThat(lastAuthorization()).isEqualTo(root);

        write("[default]\nurl = " + server.url() + "\n");
        Cli urlOnly = run(List.of());
        assertThat(urlOnly.exitCode()).as(urlOnly.err()).isZero();
        assertThat(lastAuthorization()).isEqualTo(root);
    }

    @Test
    void aProfileAskedForByNameMustExist() throws Exception {
        Cli noFile = run(List.of(), "--url", server.url(), "--profile", "ci");
        assertThat(noFile.exitCode()).isEqualTo(CliErrors.LOCAL);
        assertThat(noFile.err()).isEqualTo("error: profile 'ci' asked for, but there is no credentials file " + file
                + " (create it, or point CAIRN_CREDENTIALS_FILE at one)" + System.lineSeparator());

        write("[default]\naccess_key = AKDEFAULT\nsecret_key = d\n[ops]\naccess_key = AKOPS\nsecret_key = o\n");
        Cli noProfile = run(List.of("CAIRN_PROFILE", "ci"), "--url", server.url());
        assertThat(noProfile.exitCode()).isEqualTo(CliErrors.LOCAL);
        assertThat(noProfile.err()).isEqualTo("error: no profile [ci] in " + file + " (it has: default, ops)"
                + System.lineSeparator());
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aFileOthersCanReadIsUsedWithAWarning() throws Exception {
        write("[default]\naccess_key = AKDEFAULT\nsecret_key = d\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Cli cli = run(List.of(), "--url", server.url());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).isEqualTo("warning: " + file + " holds secrets but others can read it (rw-r--r--); "
                + "run: chmod 600 " + file + System.lineSeparator());
        assertThat(lastAuthorization()).isEqualTo(basic("AKDEFAULT", "d"));
    }

    @Test
    void aMalformedFileIsRefusedWithItsLineNumber() throws Exception {
        for (String[] bad : new String[][] {
                {"[default]\naccess_key = a\nsecret = s\n", "line 3: unknown setting 'secret' (known: access_key, "
                        + "secret_key, url)"},
                {"access_key = a\n[default]\n", "line 1: access_key comes before any [PROFILE] line"},
                {"[default]\naccess_key a\n", "line 2: expected [PROFILE] or SETTING = VALUE"},
                {"[default]\naccess_key = a\nsecret_key =\n", "profile [default] in " + file
                        + " needs both access_key and secret_key"}}) {
            write(bad[0]);

            Cli cli = run(List.of(), "--url", server.url());

            assertThat(cli.exitCode()).as(bad[0]).isEqualTo(CliErrors.LOCAL);
            assertThat(cli.err()).as(bad[0]).startsWith("error: ").contains(bad[1]);
        }
        assertThat(server.requests()).isEmpty();
    }
}
