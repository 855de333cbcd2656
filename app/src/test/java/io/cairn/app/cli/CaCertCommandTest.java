package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.ClusterKey;
import io.cairn.api.JoinToken;
import io.cairn.tls.ClusterCa;
import io.cairn.tls.ClusterTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn admin ca-cert}, and {@code --ca-cert} for every client command against an https:// server. */
class CaCertCommandTest {
    private static final ClusterKey KEY = ClusterKey.generate();
    private static final String PEM = ClusterCa.derive(KEY.secret()).pem();

    @TempDir
    Path dir;

    @Test
    void derivesTheCaFromTheJoinTokenWithoutAServer() {
        Cli cli = Cli.run(new CaCertCommand(), "--url", "http://127.0.0.1:1", "--join-token", JoinToken.of(KEY));
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo(PEM).startsWith("-----BEGIN CERTIFICATE-----");
    }

    /** The server's certificate is from the cluster CA: trusted with --ca-cert, refused without it. */
    @Test
    void asksAnHttpsServerThatItTrustsThroughCaCert() throws Exception {
        ClusterTls server = new ClusterTls(KEY.secret(), "cairn controller c1", List.of("127.0.0.1"));
        try (StubServer stub = new StubServer((req, ex) -> StubServer.bytes(ex, 200,
                PEM.getBytes(StandardCharsets.US_ASCII)), server.context())) {
            Cli untrusted = Cli.run(new CaCertCommand(), "--url", stub.url());
            assertThat(untrusted.exitCode()).isEqualTo(CliErrors.SERVER);
            assertThat(untrusted.err()).contains("--ca-cert");

            Path ca = Files.writeString(dir.resolve("ca.pem"), PEM);
            Cli cli = Cli.run(new CaCertCommand(), "--url", stub.url(), "--ca-cert", ca.toString());
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out()).isEqualTo(PEM);
            assertThat(stub.requests()).extracting(StubServer.Request::rawPath).containsExactly(CaCertCommand.ROUTE);
        }
    }

    @Test
    void aMissingCaFileIsALocalError() {
        Cli cli = Cli.run(new CaCertCommand(), "--url", "https://127.0.0.1:1", "--ca-cert",
                dir.resolve("nope.pem").toString());
        assertThat(cli.exitCode()).isEqualTo(CliErrors.LOCAL);
        assertThat(cli.err()).contains("--ca-cert");
    }
}
