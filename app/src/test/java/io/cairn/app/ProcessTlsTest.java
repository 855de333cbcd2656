package io.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ClusterKey;
import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigException;
import io.cairn.app.config.S3Config;
import io.cairn.app.config.Security;
import io.cairn.app.config.TlsSettings;
import io.cairn.app.config.TlsSettings.Clients;
import io.cairn.app.config.TlsSettings.Internal;
import io.cairn.controller.KeeperSettings;
import io.cairn.http.RequestAuthenticator.MemberProof;
import io.cairn.http.ServerTls;
import io.cairn.tls.ClusterCa;
import io.cairn.tls.KeyMaterial;
import io.cairn.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.net.InetAddress;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of a process's ports get TLS, and with which certificate, for each setting. */
class ProcessTlsTest {
    private static final ClusterKey KEY = ClusterKey.generate();

    @TempDir
    Path dir;

    @Test
    void autoTurnsInternalTlsOnUnlessTheProcessBindsLoopback() throws Exception {
        ProcessTls local = ProcessTls.of(settings(Internal.AUTO, new Clients.Off()), "127.0.0.1", "cairn server",
                List.of());
        assertThat(local.internal()).isFalse();
        assertThat(local.nodePort()).isNull();
        assertThat(local.apiPort()).isNull();
        assertThat(local.s3Port()).isNull();
        assertThat(local.raft()).isNull();
        assertThat(local.memberProof()).isEqualTo(MemberProof.SIGNATURE);
        assertThat(local.apiScheme()).isEqualTo("http");

        ProcessTls exposed = ProcessTls.of(settings(Internal.AUTO, new Clients.Off()), "0.0.0.0", "cairn node n1",
                List.of("10.1.2.3"));
        assertThat(exposed.internal()).isTrue();
        assertThat(exposed.nodePort()).isNotNull();
        assertThat(exposed.apiPort().clientAuth()).isEqualTo(ServerTls.ClientAuth.WANT);
        assertThat(exposed.s3Port()).as("users get TLS only when asked for").isNull();
        assertThat(exposed.raft()).isNotNull();
        assertThat(exposed.memberProof()).isEqualTo(MemberProof.CERTIFICATE);
        assertThat(presented(exposed.apiPort()).getSubjectX500Principal().getName()).isEqualTo("CN=cairn node n1");
        assertThat(names(presented(exposed.apiPort()))).contains("10.1.2.3", "127.0.0.1", "localhost",
                "s3.example", "*.s3.example");

        assertThat(ProcessTls.of(settings(Internal.ON, new Clients.Off()), "127.0.0.1", "x", List.of()).internal())
                .isTrue();
        assertThat(ProcessTls.of(settings(Internal.OFF, new Clients.Off()), "0.0.0.0", "x", List.of()).internal())
                .isFalse();
    }

    @Test
    void usersGetTheClusterCertificateOrTheOperatorsOwn() throws Exception {
        ProcessTls clusterIssued = ProcessTls.of(settings(Internal.OFF, new Clients.ClusterIssued()), "127.0.0.1",
                "cairn gateway", List.of());
        assertThat(clusterIssued.apiPort().clientAuth()).isEqualTo(ServerTls.ClientAuth.NONE);
        assertThat(clusterIssued.memberProof()).isEqualTo(MemberProof.SIGNATURE);
        assertThat(presented(clusterIssued.s3Port()).getIssuerX500Principal())
                .isEqualTo(ClusterCa.derive(KEY.secret()).certificate().getSubjectX500Principal());
        assertThat(clusterIssued.s3Scheme()).isEqualTo("https");

        KeyMaterial own = ClusterCa.derive(ClusterKey.generate().secret()).issue("s3.example", List.of("s3.example"),
                Instant.now(), Duration.ofDays(90));
        Path cert = Files.writeString(dir.resolve("cert.pem"), Pem.encode(own.certificate()));
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(own.key().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        ProcessTls operator = ProcessTls.of(settings(Internal.ON, new Clients.Files(cert, key)), "0.0.0.0",
                "cairn controller c1", List.of());
        assertThat(presented(operator.apiPort())).isEqualTo(own.certificate());
        assertThat(presented(operator.s3Port())).isEqualTo(own.certificate());
        assertThat(operator.apiPort().clientAuth()).as("members still show their cluster certificate")
                .isEqualTo(ServerTls.ClientAuth.WANT);
        assertThat(operator.nodePort()).isNotNull();

        assertThatThrownBy(() -> ProcessTls.of(settings(Internal.OFF, new Clients.Files(cert, cert)), "127.0.0.1",
                "x", List.of())).isInstanceOf(ConfigException.class).hasMessageContaining("--tls-cert");
    }

    /** The certificate a client sees in a handshake with the port. */
    private static X509Certificate presented(ServerTls port) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket server = (SSLServerSocket) port.context().getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            FutureTask<Void> accept = new FutureTask<>(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                }
                return null;
            });
            Thread.ofVirtual().start(accept);
            AtomicReference<X509Certificate> seen = new AtomicReference<>();
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    seen.set(chain[0]);
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(loopback,
                    server.getLocalPort())) {
                socket.startHandshake();
            }
            accept.get(10, TimeUnit.SECONDS);
            return seen.get();
        }
    }

    private static List<Object> names(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList();
    }

    private static ClusterSettings settings(Internal internal, Clients clients) {
        return new ClusterSettings(2, 1 << 20, 1L << 40, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(5), 8, 64L << 20, new Security("cairnadmin", "cairnadmin", null, false, KEY,
                new TlsSettings(internal, clients)), new S3Config(0, "us-east-1", List.of("s3.example")),
                Duration.ofDays(7), 0, 0, 0, KeeperSettings.DEFAULTS, io.cairn.http.limits.RateLimits.OFF,
                io.cairn.http.limits.ConnectionLimits.DEFAULTS, true);
    }
}
