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
 * A gateway reads the copies on nodes of its own process from their stores (the default of {@code cairn server}), and
 * over HTTP when that is turned off, as a gateway does for nodes elsewhere. Told apart by what the nodes' HTTP servers
 * sent: chunk bytes leave a node's store either way, but its HTTP server only when the read went over HTTP.
 */
class ColocatedReadsIT {
    static final Pattern SENT = Pattern.compile("(?m)^cairn_http_sent_bytes_total\\S* (\\S+)$");
    static final Pattern READ = Pattern.compile("(?m)^cairn_node_chunk_read_bytes_total\\S* (\\S+)$");

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

    /** Uploads a file of several chunks, downloads it, and returns what the nodes' HTTP servers sent meanwhile. */
    double httpBytesOfADownload() {
        Http http = new Http(cluster.url());
        byte[] content = Data.random(6 * TestClusters.CHUNK + 123, 41);
        assertThat(http.put(Http.file("six-chunks"), content).status()).isEqualTo(201);
        double readBefore = nodesTotal(READ);
        double sentBefore = nodesTotal(SENT);
        assertThat(http.get(Http.download("six-chunks")).body()).isEqualTo(content);
        double sent = nodesTotal(SENT) - sentBefore;
        // Every chunk came off a node's store, whichever way it travelled.
        assertThat(nodesTotal(READ) - readBefore).isGreaterThanOrEqualTo(content.length);
        return sent;
    }

    @Test
    void aGatewayReadsTheCopiesOnNodesInItsProcessFromTheirStores() throws Exception {
        cluster = TestClusters.start(dir);
        // Only /metrics bodies (a few KiB each) left the nodes' HTTP servers, not the file's 6 MiB.
        assertThat(httpBytesOfADownload()).isLessThan(TestClusters.CHUNK);
    }

    @Test
    void withLocalReadsOffEveryChunkCrossesTheNodesHttpServers() throws Exception {
        cluster = TestClusters.startReadingOverHttp(dir);
        assertThat(httpBytesOfADownload()).isGreaterThanOrEqualTo(6 * TestClusters.CHUNK + 123);
    }
}
