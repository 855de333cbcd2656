package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway reaches the copies on nodes of its own process through their stores (the default of {@code cairn server}),
 * and over HTTP when that is turned off, as it reaches nodes elsewhere. Told apart by what the nodes' HTTP servers
 * received and sent: chunk bytes enter and leave a node's store either way, but cross its HTTP server only when they
 * went over HTTP.
 */
class ShortCircuitIT {
    static final Pattern SENT = Pattern.compile("(?m)^cairn_http_sent_bytes_total\\S* (\\S+)$");
    static final Pattern RECEIVED = Pattern.compile("(?m)^cairn_http_received_bytes_total\\S* (\\S+)$");
    static final Pattern READ = Pattern.compile("(?m)^cairn_node_chunk_read_bytes_total\\S* (\\S+)$");
    static final Pattern WRITTEN = Pattern.compile("(?m)^cairn_node_chunk_written_bytes_total\\S* (\\S+)$");
    static final int SIZE = 6 * TestClusters.CHUNK + 123;

    @TempDir
    Path dir;
    LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The sum over the cluster's nodes of a counter on their /metrics, read with the metrics token. */
    double nodesTotal(Pattern counter) {
        double total = 0;
        for (int i = 0; i < cluster.nodeCount(); i++) {
            Http node = new Http(cluster.node(i).url()).anonymous();
            Http.Response metrics = node.send(node.request("/metrics").header("Authorization",
                    "Bearer " + cluster.settings().security().clusterKey().metricsToken()).GET().build());
            assertThat(metrics.status()).isEqualTo(200);
            Matcher m = counter.matcher(new String(metrics.body()));
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
        }
        return total;
    }

    /** What the nodes' HTTP servers received during an upload and sent during a download of a 6-chunk file. */
    record HttpBytes(double received, double sent) {
    }

    HttpBytes uploadAndDownload() {
        Http http = new Http(cluster.url());
        byte[] content = Data.random(SIZE, 41);
        double writtenBefore = nodesTotal(WRITTEN);
        double receivedBefore = nodesTotal(RECEIVED);
        assertThat(http.put(Http.file("six-chunks"), content).status()).isEqualTo(201);
        double received = nodesTotal(RECEIVED) - receivedBefore;
        // Two copies of every chunk reached a node's store, whichever way they travelled.
        assertThat(nodesTotal(WRITTEN) - writtenBefore).isEqualTo(2.0 * SIZE);

        double readBefore = nodesTotal(READ);
        double sentBefore = nodesTotal(SENT);
        assertThat(http.get(Http.download("six-chunks")).body()).isEqualTo(content);
        double sent = nodesTotal(SENT) - sentBefore;
        assertThat(nodesTotal(READ) - readBefore).isGreaterThanOrEqualTo(SIZE);
        return new HttpBytes(received, sent);
    }

    @Test
    void aGatewayReachesTheCopiesOnNodesInItsProcessThroughTheirStores() throws Exception {
        cluster = TestClusters.start(dir);
        HttpBytes bytes = uploadAndDownload();
        // Requests for /metrics (a few hundred bytes) reached the nodes' HTTP servers, not 12 MiB of copies; only
        // /metrics bodies (a few KiB each) left them, not the file's 6 MiB.
        assertThat(bytes.received()).isLessThan(TestClusters.CHUNK);
        assertThat(bytes.sent()).isLessThan(TestClusters.CHUNK);
    }

    @Test
    void withShortCircuitsOffEveryCopyCrossesTheNodesHttpServers() throws Exception {
        cluster = TestClusters.startOverHttp(dir);
        HttpBytes bytes = uploadAndDownload();
        assertThat(bytes.received()).isGreaterThanOrEqualTo(2.0 * SIZE);
        assertThat(bytes.sent()).isGreaterThanOrEqualTo(SIZE);
    }
}
