package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.auth.ClusterSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Real TLS connections between processes' identities: who gets through a port that needs or wants a certificate. */
class HandshakeTest {
    private static final ClusterSecret SECRET = ClusterSecret.generate();
    private static final ClusterTls SERVER = new ClusterTls(SECRET, "cairn node n1", List.of("127.0.0.1"));
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    @Test
    void aPortThatNeedsACertificateAdmitsMembersOnly() throws Exception {
        assertThat(exchange(true, new ClusterTls(SECRET, "cairn gateway", List.of()).context())).isTrue();
        assertThat(exchange(true, trustingOnly(null))).as("no certificate").isFalse();
        ClusterTls stranger = new ClusterTls(ClusterSecret.generate(), "cairn node n9", List.of());
        assertThat(exchange(true, trustingOnly(stranger.keyManager()))).as("another cluster's certificate")
                .isFalse();
    }

    @Test
    void aPortThatWantsACertificateAdmitsEveryoneButTellsMembers() throws Exception {
        assertThat(peerOf(new ClusterTls(SECRET, "cairn node n2", List.of()).context()))
                .isEqualTo("CN=cairn node n2");
        assertThat(peerOf(trustingOnly(null))).isEqualTo("none");
    }

    @Test
    void aClientRefusesAServerOfAnotherCluster() throws Exception {
        ClusterTls stranger = new ClusterTls(ClusterSecret.generate(), "cairn node n9", List.of());
        assertThat(exchange(false, stranger.context())).isFalse();
    }

    /** A client that trusts this cluster's CA and presents {@code keys} (none when null). */
    private static SSLContext trustingOnly(KeyManager keys) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : new KeyManager[] {keys},
                new TrustManager[] {ClusterTrustManager.of(SERVER.ca().certificate())}, null);
        return context;
    }

    /** Whether one byte goes there and back through a server that needs ({@code need}) or wants a certificate. */
    private static boolean exchange(boolean need, SSLContext client) throws Exception {
        try (SSLServerSocket server = listen(need)) {
            Future<?> echo = THREADS.submit(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.getOutputStream().write(s.getInputStream().read());
                }
                return null;
            });
            try (SSLSocket socket = connect(client, server)) {
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                return socket.getInputStream().read() == 42;
            } catch (IOException refused) {
                return false;
            } finally {
                echo.cancel(true);
            }
        }
    }

    /** The subject of the certificate the server saw, or "none". */
    private static String peerOf(SSLContext client) throws Exception {
        try (SSLServerSocket server = listen(false)) {
            Future<String> seen = THREADS.submit(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    try {
                        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                                .getName();
                    } catch (SSLPeerUnverifiedException e) {
                        return "none";
                    } finally {
                        s.getOutputStream().write(1);
                    }
                }
            });
            try (SSLSocket socket = connect(client, server)) {
                socket.getInputStream().read();
            }
            return seen.get(10, TimeUnit.SECONDS);
        }
    }

    private static SSLServerSocket listen(boolean need) throws IOException {
        SSLServerSocket server = (SSLServerSocket) SERVER.context().getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        if (need) {
            server.setNeedClientAuth(true);
        } else {
            server.setWantClientAuth(true);
        }
        return server;
    }

    private static SSLSocket connect(SSLContext client, SSLServerSocket server) throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.getLocalPort());
        socket.setSoTimeout(10_000);
        return socket;
    }
}
