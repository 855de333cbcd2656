package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.api.RegisterRequest;
import io.cairn.core.ChunkId;
import io.cairn.core.Json;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.tls.ClusterCa;
import io.cairn.tls.ClusterTls;
import io.cairn.tls.Pem;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The security proofs with real OS processes, each its own JVM started through {@code ./cairn} with
 * {@code INTERNAL_TLS=on}: three controllers in a Raft group (Raft over mutual TLS), two storage nodes and a gateway
 * serving the REST and S3 APIs over https with a certificate of the CA every process derives from the cluster secret.
 * Beside them a storage node started with another cluster's secret. The test trusts that CA alone, derived from the
 * same secret (and handed out by the gateway and {@code cairn admin ca-cert}). One cluster serves every step, in order:
 * <ol>
 * <li>every process hands out the CA derived from the secret, and each Raft port takes only a client holding a
 * certificate of it;</li>
 * <li>the node of another cluster never registers, cannot be reached, nothing is placed on it, and a controller
 * refuses its call;</li>
 * <li>a chunk PUT straight to a node's port without a cluster certificate is refused and stores nothing;</li>
 * <li>the Raft leader dies by SIGKILL during uploads: a new one is elected over mutual TLS, every acknowledged file
 * reads back and uploads go on;</li>
 * <li>the AWS SDK, then the AWS CLI, put and get objects over https trusting the CA from a PEM file.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureProcessIT {
    @TempDir
    static Path dir;
    static Processes processes;
    static ClusterKey key;
    static X509Certificate ca;
    static final List<Process> controllers = new ArrayList<>();
    static final List<String> urls = new ArrayList<>();
    static final List<Integer> raftPorts = new ArrayList<>();
    static final List<String> nodeUrls = new ArrayList<>();
    static String rogueUrl;
    static Http gateway;
    static int s3Port;
    /** Every file the gateway acknowledged, with its content: all must read back at the end of each step. */
    static final Map<String, byte[]> written = new ConcurrentHashMap<>();
    /** Controllers killed so far (indexes into {@link #urls}). */
    static final Set<Integer> dead = ConcurrentHashMap.newKeySet();
    /** What the AWS SDK wrote to {@code secure/sdk/object.bin}, for the CLI to read. */
    static byte[] sdkObject;
    static final ClusterKey ROGUE_KEY = ClusterKey.generate();
    static final Map<String, String> ENV = Map.of("INTERNAL_TLS", "on", "HEALTH_CHECK_INTERVAL", "200ms",
            "NODE_TIMEOUT", "3s", "CHUNK_SIZE", "1MiB", "CAIRN_JAVA_OPTS", "-Xmx256m", "S3_PORT", "-1",
            "SCRUB_RATE", "0");

    @BeforeAll
    static void startCluster() throws Exception {
        processes = new Processes(dir);
        key = processes.clusterKey();
        ca = ClusterCa.derive(key.secret()).certificate();
        SSLContext trustCa = TestClusters.trusting(ca);
        List<String> peers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            urls.add("https://127.0.0.1:" + Processes.freePort());
            raftPorts.add(Processes.freePort());
            peers.add("c" + i + "=127.0.0.1:" + raftPorts.getLast());
        }
        for (int i = 0; i < 3; i++) {
            controllers.add(processes.start("c" + (i + 1), ENV, "controller", "--id", "c" + (i + 1), "--port",
                    port(urls.get(i)), "--host", "127.0.0.1", "--peers", String.join(",", peers),
                    "--data", dir.resolve("controller" + (i + 1)).toString()));
        }
        String all = String.join(",", urls);
        // The other processes start while the controllers elect a leader: nodes and gateway retry until they answer.
        for (int i = 0; i < 2; i++) {
            int port = Processes.freePort();
            nodeUrls.add("https://127.0.0.1:" + port);
            processes.start("node" + i, ENV, "node", "--id", "node" + i, "--controller", all, "--port",
                    Integer.toString(port), "--host", "127.0.0.1", "--data", dir.resolve("node" + i).toString());
        }
        int roguePort = Processes.freePort();
        rogueUrl = "https://127.0.0.1:" + roguePort;
        Map<String, String> rogueEnv = new HashMap<>(ENV);
        rogueEnv.put("CLUSTER_SECRET", ROGUE_KEY.hex());
        processes.start("rogue", rogueEnv, "node", "--id", "rogue", "--controller", all, "--port",
                Integer.toString(roguePort), "--host", "127.0.0.1", "--data", dir.resolve("rogue").toString());
        int gatewayPort = Processes.freePort();
        s3Port = Processes.freePort();
        processes.start("gateway", ENV, "gateway", "--controller", all, "--port", Integer.toString(gatewayPort),
                "--host", "127.0.0.1", "--tls", "--s3-port", Integer.toString(s3Port));
        gateway = Http.trusting("https://127.0.0.1:" + gatewayPort, ca);

        for (int i = 0; i < 3; i++) {
            processes.awaitHealthy(urls.get(i) + "/health", Duration.ofSeconds(90), "c" + (i + 1), trustCa);
        }
        processes.awaitHealthy(gateway.url("/health"), Duration.ofSeconds(60), "gateway", trustCa);
        for (String url : urls) {
            Http controller = Http.trusting(url, ca);
            await().atMost(Duration.ofSeconds(60)).until(() -> healthyNodes(controller) == 2);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (processes != null) {
            processes.close();
        }
    }

    private static String port(String url) {
        return url.substring(url.lastIndexOf(':') + 1);
    }

    private static int healthyNodes(Http controller) {
        Http.Response status = controller.get("/status");
        return status.status() == 200 ? status.json().get("healthy_nodes").asInt() : -1;
    }

    /** Every process derived the same CA from the secret, and the Raft group runs over mutual TLS. */
    @Test
    @Order(0)
    void everyProcessServesTheCaDerivedFromTheSecretAndRaftRunsOverMutualTls() throws Exception {
        Http.Response handedOut = gateway.get("/admin/ca-cert");
        assertThat(handedOut.status()).isEqualTo(200);
        assertThat(new String(handedOut.body(), StandardCharsets.US_ASCII)).isEqualTo(Pem.encode(ca));
        for (int i = 0; i < 3; i++) {
            assertThat(processes.output("c" + (i + 1))).contains("over mutual TLS");
            int raftPort = raftPorts.get(i);
            // No client certificate: the Raft port (gRPC, client auth required) ends the connection.
            assertThatThrownBy(() -> raftExchange(raftPort, TestClusters.trusting(ca)))
                    .as("Raft port of c" + (i + 1) + " without a client certificate").isInstanceOf(IOException.class);
            // A certificate of the cluster CA is taken, and the port presents one of the same CA.
            ClusterTls member = new ClusterTls(key.secret(), "cairn test", List.of());
            X509Certificate served = raftExchange(raftPort, TestClusters.trusting(ca, member.keyManager()));
            served.verify(ca.getPublicKey());
        }
    }

    /**
     * Opens a TLS connection to a Raft port as a gRPC client would (ALPN h2, the HTTP/2 preface and an empty SETTINGS
     * frame) and reads the server's first frame; returns the certificate the server presented.
     */
    private static X509Certificate raftExchange(int port, SSLContext tls) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] frame = in.readNBytes(9);
            if (frame.length < 9) {
                throw new IOException("the Raft port closed the connection");
            }
            assertThat(frame[3]).as("the server's first HTTP/2 frame is SETTINGS").isEqualTo((byte) 4);
            return served;
        }
    }

    /**
     * A node started with another cluster's secret runs, but its calls to the controllers fail the TLS handshake (each
     * side's certificate is of a CA the other does not trust) and a member of this cluster cannot connect to it; it
     * never appears in any controller's node list, and files written since it started have no chunk on it. A controller also refuses its registration made with its
     * own signature and no certificate.
     */
    @Test
    @Order(1)
    void aNodeWithoutTheClusterSecretCannotRegisterAndIsGivenNoChunk() throws Exception {
        // A bounded wait for the node's own account of each refusal, not a sleep.
        for (String url : urls) {
            // Its first attempts may have found the controller not listening yet: those say so, and are not this.
            String line = processes.awaitLine("rogue", "a refused registration with " + url,
                    l -> l.contains("cannot register with controller " + url) && !l.contains("ConnectException"),
                    Duration.ofSeconds(60));
            System.out.println("node of another cluster: " + line);
            assertThat(line).containsAnyOf("PKIX", "certificate", "handshake", "Certificate");
        }
        assertThat(processes.output("rogue")).doesNotContain("registered with controller");
        // It runs (its own cluster's CA trusts it), but a member of this cluster cannot even connect to it.
        processes.awaitHealthy(rogueUrl + "/health", Duration.ofSeconds(10), "rogue",
                TestClusters.trusting(ClusterCa.derive(ROGUE_KEY.secret()).certificate()));
        ClusterTls member = new ClusterTls(key.secret(), "cairn test", List.of());
        try (HttpClient asMember = HttpClient.newBuilder().sslContext(TestClusters.trusting(ca, member.keyManager()))
                .build()) {
            HttpRequest health = HttpRequest.newBuilder(URI.create(rogueUrl + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> asMember.send(health, HttpResponse.BodyHandlers.discarding()))
                    .as("a call from this cluster to the node of another").isInstanceOf(IOException.class);
        }

        for (int i = 0; i < 10; i++) {
            byte[] content = Data.random(300_000 + i * 7_919, 100 + i);
            Http.Response put = gateway.put(Http.file("before/" + i), content);
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            written.put("before/" + i, content);
        }
        assertRogueIsNowhere();

        // Its registration, pressed on a controller with its own secret's signature: refused before any route runs.
        byte[] body = Json.toBytes(new RegisterRequest(new NodeId("rogue"), rogueUrl, null, 1L << 30, null, "x"));
        try (HttpClient client = HttpClient.newBuilder().sslContext(TestClusters.trusting(ca)).build()) {
            HttpRequest register = HttpRequest.newBuilder(URI.create(urls.getFirst() + ApiPaths.REGISTER))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header(ClusterKey.HEADER, ROGUE_KEY.sign(ApiPaths.REGISTER, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            assertThat(client.send(register, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        }
        assertRogueIsNowhere();
    }

    /**
     * Not in any live controller's node list nor the gateway's, no chunk of any file written recorded on it, and no
     * chunk file in its data directory.
     */
    private static void assertRogueIsNowhere() throws IOException {
        List<Http> views = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            if (!dead.contains(i)) {
                views.add(Http.trusting(urls.get(i), ca));
            }
        }
        views.add(gateway);
        for (Http view : views) {
            JsonNode nodes = view.get("/nodes").json().get("nodes");
            Set<String> ids = new HashSet<>();
            Set<String> addresses = new HashSet<>();
            nodes.forEach(n -> {
                ids.add(n.get("node_id").asText());
                addresses.add(n.get("url").asText());
            });
            assertThat(ids).as("nodes known at " + view.url("")).containsExactlyInAnyOrder("node0", "node1");
            assertThat(addresses).as("nodes known at " + view.url("")).doesNotContain(rogueUrl);
        }
        Set<String> holders = new HashSet<>();
        for (String name : written.keySet()) {
            gateway.get(Http.file(name) + "/chunks").json().get("chunks")
                    .forEach(c -> c.get("replicas").forEach(r -> holders.add(r.get("url").asText())));
        }
        assertThat(holders).as("where the chunks of %d files are", written.size()).isNotEmpty()
                .isSubsetOf(nodeUrls);
        assertThat(chunkFiles(dir.resolve("rogue"))).as("chunk files of the node of another cluster").isZero();
    }

    private static long chunkFiles(Path nodeData) throws IOException {
        Path chunks = nodeData.resolve("chunks");
        assertThat(chunks).as("the chunk store of a running node").isDirectory();
        try (Stream<Path> files = Files.find(chunks, 2, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().matches("[0-9a-f]{64}"))) {
            return files.count();
        }
    }

    /**
     * A chunk PUT straight to a node's port: plain HTTP gets no HTTP answer at all; https trusting the CA but without
     * a client certificate gets 401 (the node's {@code /health} answers the same client 200), a valid signature of
     * the cluster secret beside it changes nothing; a GET with a cluster certificate then finds no such chunk, and
     * the same PUT with that certificate is taken: the certificate is what decides.
     */
    @Test
    @Order(2)
    void aForgedChunkPutStraightToANodeIsRefusedAndStoresNothing() throws Exception {
        String node = nodeUrls.getFirst();
        // Larger than a node's small-chunk threshold, so that it would be a chunk file of its own (looked for below).
        byte[] forged = "a chunk nobody in the cluster wrote\n".repeat(4_000).getBytes(StandardCharsets.UTF_8);
        ChunkId id = Sha256.of(forged);
        String path = ApiPaths.CHUNKS + "/" + id.hex();

        try (HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + path))
                    .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofByteArray(forged)).build();
            assertThatThrownBy(() -> plain.send(put, HttpResponse.BodyHandlers.discarding()))
                    .as("plain HTTP to the node's TLS port").isInstanceOf(IOException.class);
        }
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port(node)))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                    + forged.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(forged);
            byte[] answer = socket.getInputStream().readNBytes(5);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).as("raw TCP answer").isNotEqualTo("HTTP/");
        } catch (IOException reset) {
            // A reset is no HTTP answer either.
        }

        try (HttpClient noCertificate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestClusters.trusting(ca)).build()) {
            HttpResponse<String> health = noCertificate.send(HttpRequest.newBuilder(URI.create(node + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"role\":\"node\"");
            for (boolean signed : new boolean[] {false, true}) {
                HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(node + path))
                        .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofByteArray(forged));
                if (signed) {
                    put.header(ClusterKey.HEADER, key.sign(path, Instant.now()));
                }
                assertThat(noCertificate.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                        .as(signed ? "PUT with the cluster's signature, no certificate" : "PUT without a certificate")
                        .isEqualTo(401);
            }
        }

        ClusterTls member = new ClusterTls(key.secret(), "cairn test", List.of());
        try (HttpClient cluster = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestClusters.trusting(ca, member.keyManager())).build()) {
            HttpRequest get = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(10)).build();
            assertThat(cluster.send(get, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("the forged chunk, asked for with a cluster certificate").isEqualTo(404);
            assertThat(Files.exists(chunkFile(dir.resolve("node0"), id))).isFalse();

            HttpRequest put = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(forged)).build();
            assertThat(cluster.send(put, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
            HttpResponse<byte[]> back = cluster.send(get, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).isEqualTo(forged);
            assertThat(Files.exists(chunkFile(dir.resolve("node0"), id))).isTrue();
        }
    }

    private static Path chunkFile(Path nodeData, ChunkId id) {
        return nodeData.resolve("chunks").resolve(id.hex().substring(0, 2)).resolve(id.hex());
    }

    /**
     * SIGKILL of the Raft leader while a writer uploads through the gateway: a survivor reports a new leader of a
     * later term (the election ran over mutual TLS), every file acknowledged before or during it reads back through
     * the gateway and a surviving controller, uploads acknowledged after the kill keep coming, and one more upload
     * after it all succeeds.
     */
    @Test
    @Order(3)
    void raftOverMutualTlsSurvivesTheSigkillOfTheLeader() throws Exception {
        JsonNode before = Http.trusting(urls.getFirst(), ca).get("/leader").json();
        int leader = Integer.parseInt(before.get("leader").asText().substring(1)) - 1;
        int survivor = (leader + 1) % 3;
        Http survivorApi = Http.trusting(urls.get(survivor), ca);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean killed = new AtomicBoolean();
        Set<String> afterKill = ConcurrentHashMap.newKeySet();
        List<String> refused = new ArrayList<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; running.get(); i++) {
                byte[] content = Data.random(200_000 + i * 1_009, 1_000 + i);
                boolean startedAfterKill = killed.get();
                Http.Response r = gateway.put(Http.file("during/" + i), content);
                if (r.status() == 201) {
                    written.put("during/" + i, content);
                    if (startedAfterKill) {
                        afterKill.add("during/" + i);
                    }
                } else {
                    synchronized (refused) {
                        refused.add(r.toString());
                    }
                }
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> written.keySet().stream()
                    .filter(n -> n.startsWith("during/")).count() >= 5);
            long killedAt = System.nanoTime();
            Processes.kill(controllers.get(leader));
            dead.add(leader);
            killed.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Http.Response now = survivorApi.get("/leader");
                return now.status() == 200 && !now.json().get("leader").asText().equals("c" + (leader + 1))
                        && now.json().get("term").asLong() > before.get("term").asLong();
            });
            System.out.printf("SIGKILL of leader c%d: a new leader after %d ms%n", leader + 1,
                    (System.nanoTime() - killedAt) / 1_000_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> afterKill.size() >= 5);
        } finally {
            running.set(false);
            writer.join();
        }
        System.out.printf("%d uploads acknowledged, %d after the kill; %d refused: %s%n", written.size(),
                afterKill.size(), refused.size(), refused);

        byte[] last = Data.random(1_500_000, 4242);
        Http.Response put = gateway.put(Http.file("after/last.bin"), last);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        written.put("after/last.bin", last);
        for (Http via : List.of(gateway, survivorApi)) {
            for (Map.Entry<String, byte[]> file : written.entrySet()) {
                assertThat(via.get(Http.download(file.getKey())).body()).as(file.getKey() + " via " + via.url(""))
                        .isEqualTo(file.getValue());
            }
        }
        assertRogueIsNowhere();
    }

    /** The AWS SDK v2 over https to the gateway's S3 port, given a trust store holding the cluster CA alone. */
    @Test
    @Order(4)
    void theAwsSdkPutsAndGetsOverHttpsTrustingTheClusterCa() {
        try (S3Client s3 = sdk()) {
            s3.createBucket(b -> b.bucket("secure"));
            byte[] content = Data.random(2 * (1 << 20) + 4_321, 77);
            s3.putObject(b -> b.bucket("secure").key("sdk/object.bin"), RequestBody.fromBytes(content));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("secure").key("sdk/object.bin")).asByteArray())
                    .isEqualTo(content);
            sdkObject = content;
        }
    }

    private static S3Client sdk() {
        return S3Client.builder()
                .endpointOverride(URI.create("https://127.0.0.1:" + s3Port))
                .region(Region.US_EAST_1)
                .credentialsProvider(S3Clients.credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(() -> TestClusters.trustManagers(ca)).build())
                .build();
    }

    /**
     * The AWS CLI, given the CA as {@code ./cairn admin ca-cert} prints it ({@code --ca-bundle}): uploads a file,
     * downloads it and the SDK's object; the SDK reads what the CLI wrote. Skipped where no {@code aws} is on PATH.
     */
    @Test
    @Order(5)
    void theAwsCliCopiesUpAndDownOverHttpsWithTheCaBundle() throws Exception {
        Path aws = onPath("aws");
        Assumptions.assumeTrue(aws != null, "no aws CLI on PATH: the AWS CLI part is skipped (the SDK part ran)");

        Process caCert = processes.start("ca-cert", Map.of(), "admin", "ca-cert", "--join-token",
                "cairn-join-v1-" + key.hex());
        assertThat(caCert.waitFor()).as(processes.output("ca-cert")).isZero();
        String output = processes.output("ca-cert");
        String pem = output.substring(output.indexOf("-----BEGIN CERTIFICATE-----"));
        assertThat(pem.strip()).isEqualTo(Pem.encode(ca).strip());
        Path bundle = Files.writeString(dir.resolve("ca.pem"), pem);

        Path config = Files.writeString(dir.resolve("aws-config"), """
                [default]
                region = us-east-1
                s3 =
                    addressing_style = path
                    signature_version = s3v4
                """);
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", TestClusters.ROOT_KEY,
                "AWS_SECRET_ACCESS_KEY", TestClusters.ROOT_SECRET, "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true");
        String endpoint = "https://127.0.0.1:" + s3Port;

        byte[] content = Data.random(3 * (1 << 20) + 17, 99);
        Path upload = Files.write(dir.resolve("cli-upload.bin"), content);
        aws(aws, env, "--endpoint-url", endpoint, "--ca-bundle", bundle.toString(), "s3", "cp", upload.toString(),
                "s3://secure/cli/object.bin");
        Path download = dir.resolve("cli-download.bin");
        aws(aws, env, "--endpoint-url", endpoint, "--ca-bundle", bundle.toString(), "s3", "cp",
                "s3://secure/cli/object.bin", download.toString());
        assertThat(Files.readAllBytes(download)).isEqualTo(content);
        Path sdkCopy = dir.resolve("cli-sdk-object.bin");
        aws(aws, env, "--endpoint-url", endpoint, "--ca-bundle", bundle.toString(), "s3", "cp",
                "s3://secure/sdk/object.bin", sdkCopy.toString());
        assertThat(Files.readAllBytes(sdkCopy)).isEqualTo(sdkObject);
        try (S3Client s3 = sdk()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("secure").key("cli/object.bin")).asByteArray())
                    .isEqualTo(content);
        }

        // Without the CA the CLI refuses the cluster's certificate: it is the bundle that makes it trusted.
        Map<String, String> once = new HashMap<>(env);
        once.put("AWS_MAX_ATTEMPTS", "1"); // a certificate error is not retried into seconds of backoff
        Process untrusted = run(aws, once, "--endpoint-url", endpoint, "s3", "ls", "s3://secure/");
        assertThat(untrusted.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("aws.out"))).containsIgnoringCase("certificate");
    }

    private static void aws(Path aws, Map<String, String> env, String... args) throws Exception {
        Process p = run(aws, env, args);
        assertThat(p.exitValue()).as("aws %s:%n%s", String.join(" ", args),
                Files.readString(dir.resolve("aws.out"))).isZero();
    }

    private static Process run(Path aws, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("aws.out").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
        }
        return p;
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
