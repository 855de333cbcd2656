package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.app.LocalCluster;
import io.cairn.core.ChunkId;
import io.cairn.core.Sha256;
import io.cairn.node.StorageNode;
import io.cairn.tls.ClusterTls;
import io.cairn.tls.Pem;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One in-JVM cluster with internal TLS on and the user APIs over https with a certificate from the cluster CA: the
 * storage nodes answer nothing but {@code /health} to a caller without a cluster certificate, the signature header
 * alone no longer makes a member, and users reach the REST and S3 APIs trusting the CA the cluster hands out.
 */
class InternalTlsIT {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ClusterKey key;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir, TestClusters.withTls(TestClusters.settings()));
        key = cluster.settings().security().clusterKey();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void filesGoUpAndComeBackOverHttpsAndTheCaIsHandedOut() {
        assertThat(cluster.internalTls()).isTrue();
        assertThat(cluster.url()).startsWith("https://127.0.0.1:");
        assertThat(cluster.node(0).url()).startsWith("https://127.0.0.1:");
        Http http = Http.to(cluster, 0);
        byte[] content = Data.random(3 * TestClusters.CHUNK + 12_345, 7);
        assertThat(http.put(Http.file("tls/one.bin"), content).status()).isEqualTo(201);
        assertThat(http.get(Http.download("tls/one.bin")).body()).isEqualTo(content);

        Http.Response ca = http.get("/admin/ca-cert");
        assertThat(ca.status()).isEqualTo(200);
        assertThat(new String(ca.body(), StandardCharsets.US_ASCII)).isEqualTo(Pem.encode(cluster.caCertificate()))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(http.anonymous().get("/admin/ca-cert").status()).isEqualTo(401);
    }

    /**
     * A probe (a Kubernetes liveness check: https, no client certificate) gets {@code /health} of a node; nothing
     * else on the node answers a caller without a certificate of the cluster, not even one holding a valid cluster
     * signature, and a chunk it PUTs is not written.
     */
    @Test
    void aNodeAnswersHealthToAProbeWithoutACertificateAndNothingElse() throws Exception {
        StorageNode node = cluster.node(0);
        byte[] forged = "written by a caller without a certificate".getBytes(StandardCharsets.UTF_8);
        ChunkId id = Sha256.of(forged);
        String chunk = ApiPaths.CHUNKS + "/" + id.hex();
        try (HttpClient probe = HttpClient.newBuilder().sslContext(TestClusters.trusting(cluster.caCertificate()))
                .build()) {
            HttpResponse<String> health = probe.send(HttpRequest.newBuilder(URI.create(node.url() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"role\":\"node\"");

            for (boolean signed : new boolean[] {false, true}) {
                String as = signed ? " with a valid cluster signature" : " without any credential";
                assertThat(status(probe, signed, "PUT", node.url(), chunk, forged)).as("PUT" + as).isEqualTo(401);
                assertThat(status(probe, signed, "GET", node.url(), chunk, null)).as("GET" + as).isEqualTo(401);
                assertThat(status(probe, signed, "DELETE", node.url(), chunk + "?generation=1", null))
                        .as("DELETE" + as).isEqualTo(401);
                assertThat(status(probe, signed, "GET", node.url(), ApiPaths.CHUNKS + "?limit=1", null))
                        .as("the inventory" + as).isEqualTo(401);
                assertThat(status(probe, signed, "GET", node.url(), "/metrics", null)).as("/metrics" + as)
                        .isEqualTo(401);
            }
        }
        assertThat(node.store().stat(id)).isEmpty();
        // Plain HTTP to the TLS port gets nothing, /health included.
        try (HttpClient plain = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(IOException.class);
        }
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(12);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotStartWith("HTTP/1.1 2");
        } catch (IOException reset) {
            // refused just as well
        }
    }

    private static int status(HttpClient client, boolean signed, String method, String base, String pathAndQuery,
                              byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (signed) {
            request.header(ClusterKey.HEADER, key.sign(pathAndQuery, Instant.now()));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * A chunk PUT straight to a node, with a certificate of another cluster's CA pressed on it: refused, and nothing
     * written. The same PUT with a certificate of this cluster is taken, so it is the certificate that decides.
     */
    @Test
    void aNodeRefusesAChunkFromAHolderOfAnotherClustersCertificate() throws Exception {
        StorageNode node = cluster.node(1);
        byte[] forged = "not what a client of this cluster wrote".getBytes(StandardCharsets.UTF_8);
        ChunkId id = Sha256.of(forged);
        String path = ApiPaths.CHUNKS + "/" + id.hex();
        ClusterTls stranger = new ClusterTls(ClusterKey.generate().secret(), "cairn node intruder",
                List.of("127.0.0.1"));
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(TestClusters.trusting(cluster.caCertificate(), insisting(stranger.keyManager()))).build()) {
            HttpRequest put = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(10))
                    .header(ClusterKey.HEADER, key.sign(path, Instant.now()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(forged)).build();
            assertThatThrownBy(() -> client.send(put, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(IOException.class);
        }
        assertThat(node.store().stat(id)).isEmpty();

        ClusterTls member = new ClusterTls(key.secret(), "cairn test", List.of());
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(TestClusters.trusting(cluster.caCertificate(), member.keyManager())).build()) {
            HttpRequest put = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(forged)).build();
            assertThat(client.send(put, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
        }
        assertThat(node.store().stat(id)).isPresent();
    }

    /** On the REST port, which serves users too, a valid signature without a cluster certificate is no member. */
    @Test
    void theSignatureHeaderAloneMakesNoMemberOnTheRestPort() throws Exception {
        try (HttpClient anonymous = HttpClient.newBuilder().sslContext(TestClusters.trusting(cluster.caCertificate()))
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.url() + ApiPaths.STATUS))
                    .header(ClusterKey.HEADER, key.sign(ApiPaths.STATUS, Instant.now())).build();
            assertThat(anonymous.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        }
        ClusterTls member = new ClusterTls(key.secret(), "cairn test", List.of());
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(TestClusters.trusting(cluster.caCertificate(), member.keyManager())).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.url() + ApiPaths.STATUS)).build();
            assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }

    /** The AWS SDK v2 over https, trusting the cluster CA as {@code AWS_CA_BUNDLE} would make the CLI do. */
    @Test
    void theS3ApiWorksOverHttpsWithTheAwsSdk() throws Exception {
        assertThat(cluster.s3Url()).startsWith("https://");
        X509Certificate ca = cluster.caCertificate();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(cluster.s3Url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(S3Clients.credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> TestClusters.trustManagers(ca))
                        .build())
                .build()) {
            s3.createBucket(b -> b.bucket("secure"));
            byte[] content = Data.random(2 * TestClusters.CHUNK + 99, 11);
            s3.putObject(b -> b.bucket("secure").key("a/b.bin"), RequestBody.fromBytes(content));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("secure").key("a/b.bin")).asByteArray()).isEqualTo(content);
        }
    }

    /**
     * Offers its certificate whatever issuers the server names: the JDK's own key manager offers none the server's
     * CA did not issue, so without this the server would never see the foreign certificate it must refuse.
     */
    private static X509ExtendedKeyManager insisting(X509ExtendedKeyManager keys) {
        return new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return keys.chooseEngineClientAlias(keyType, null, engine);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return keys.chooseClientAlias(keyType, null, socket);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return keys.getClientAliases(keyType, null);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        };
    }
}
