package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.api.JoinToken;
import io.cairn.app.ClusterMembership;
import io.cairn.app.LocalCluster;
import io.cairn.app.config.ConfigException;
import io.cairn.client.ChunkClient;
import io.cairn.client.HttpNodeRegistry;
import io.cairn.client.HttpTransport;
import io.cairn.controller.ControllerService;
import io.cairn.core.model.JoinTokenRecord;
import io.cairn.meta.MetaCommand;
import io.cairn.node.NodeSettings;
import io.cairn.node.StorageNode;
import io.cairn.tls.ClusterTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node joins a running cluster with internal TLS on using a v2 join token: it redeems the token at a
 * controller's https port (whose certificate it cannot check yet) for the cluster secret, keeps the secret, registers
 * over mutual TLS and stores chunks. A single-use token is refused the second time, an expired or unknown one always,
 * all with one answer.
 */
class JoinTokenIT {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ClusterKey key;
    static Http root;

    @BeforeAll
    static void start() throws Exception {
        // A group: a token created through one controller is redeemed through another (a follower, most likely).
        cluster = TestClusters.startGroup(dir, TestClusters.withTls(TestClusters.settings()));
        key = cluster.settings().security().clusterKey();
        root = Http.to(cluster, 0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String newToken(String ttl, int uses) {
        Http.Response created = root.postJson("/admin/join-token", Map.of("ttl", ttl, "uses", uses));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("token").asText();
    }

    /** Redeems at the last controller first: the tokens are created through the first. */
    static ClusterKey join(Path data, String token) {
        return ClusterMembership.resolve(data, token, null, List.of(cluster.url(2), cluster.url(0)), false);
    }

    @Test
    void aNewNodeJoinsWithAV2TokenAndStoresChunks() throws Exception {
        String token = newToken("10m", 1);
        assertThat(token).startsWith(JoinToken.V2_PREFIX).doesNotContain(key.hex());
        JoinToken.Enrollment parsed = (JoinToken.Enrollment) JoinToken.parse(token);
        // The controllers keep the token's secret sealed, never in the clear.
        JoinTokenRecord stored = cluster.controller().controller().metadata().reader().joinToken(parsed.id())
                .orElseThrow();
        assertThat(stored.usesLeft()).isEqualTo(1);
        assertThat(stored.sealedSecret()).doesNotContain(parsed.secret().hex());

        Path data = dir.resolve("joined");
        ClusterKey joined = join(data, token);
        assertThat(joined.hex()).isEqualTo(key.hex());
        Path file = data.resolve("cluster.secret");
        assertThat(Files.readString(file).strip()).isEqualTo(key.hex());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // Read where it was redeemed: that controller applied the use before it answered.
        assertThat(cluster.controller(2).controller().metadata().reader().joinToken(parsed.id())).as("used up")
                .isEmpty();
        // A restart: the kept secret wins, the spent token is not redeemed again.
        assertThat(join(data, token).hex()).isEqualTo(key.hex());

        ClusterTls tls = new ClusterTls(joined.secret(), "cairn node joined", List.of("127.0.0.1"));
        ControllerService service = cluster.controller().controller().service();
        int before = service.status().healthy_nodes();
        try (HttpTransport transport = new HttpTransport(joined, tls::context, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
             StorageNode node = StorageNode.start(new NodeSettings(data, "127.0.0.1", 0, null, null, null, joined,
                     tls.context(), false, Duration.ofMillis(250), 0, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0),
                     List.of(new HttpNodeRegistry(transport, cluster.url())), new ChunkClient(transport),
                     new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (service.status().healthy_nodes() < before + 1) {
                assertThat(System.nanoTime()).as("the joined node registers").isLessThan(deadline);
                Thread.sleep(50);
            }
            // One copy on every node, the new one included.
            byte[] content = Data.random(2 * TestClusters.CHUNK + 77, 31);
            String name = "joined/every-node.bin";
            Http.Response put = root.put(Http.file(name) + "?replication_factor=" + (before + 1), content);
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            assertThat(node.store().chunkCount()).isEqualTo(3);
            assertThat(root.get(Http.download(name)).body()).isEqualTo(content);
        }
    }

    @Test
    void aUsedUpExpiredOrUnknownTokenIsRefusedWithOneAnswer() throws Exception {
        String once = newToken("10m", 1);
        assertThat(join(dir.resolve("first"), once).hex()).isEqualTo(key.hex());
        String expired = newToken("1s", 5);
        // Created before the other expires: a token created later would delete the expired one on the way.
        JoinToken.Enrollment known = (JoinToken.Enrollment) JoinToken.parse(newToken("10m", 1));
        Thread.sleep(2_100);
        String wrongSecret = new JoinToken.Enrollment(known.id(), JoinToken.Enrollment.generate().secret()).text();

        List<String> refusals = new ArrayList<>();
        for (String token : List.of(once, expired, JoinToken.Enrollment.generate().text(), wrongSecret)) {
            Path data = dir.resolve("refused-" + refusals.size());
            assertThatThrownBy(() -> join(data, token)).isInstanceOfSatisfying(ConfigException.class,
                    e -> refusals.add(e.getMessage()));
            assertThat(data.resolve("cluster.secret")).doesNotExist();
        }
        assertThat(refusals).containsOnly("--join-token: " + MetaCommand.UseJoinToken.REFUSED);
        // The wrong secret spent nothing: the token still opens for its holder.
        assertThat(join(dir.resolve("second"), known.text()).hex()).isEqualTo(key.hex());
    }

    /** The route is open to anyone, so it is bounded: a burst from one address is cut off with 429. */
    @Test
    void theOpenEnrollRouteIsRateLimitedPerAddress() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(TestClusters.trusting(cluster.caCertificate()))
                .build()) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                HttpRequest junk = HttpRequest.newBuilder(URI.create(cluster.url() + ApiPaths.ENROLL))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"0123456789abcdef\",\"time\":0,"
                                + "\"proof\":\"x\"}")).build();
                statuses.add(client.send(junk, HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            assertThat(statuses).contains(401, 429).containsOnly(401, 429);
        }
        Thread.sleep(1_500); // let the other tests' enrollments through again
    }
}
