package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.app.cli.MachineLimits;
import io.cairn.controller.KeeperSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for the README, run on purpose with {@code -Dcairn.bench.heal=GIB} (skipped otherwise): on an in-JVM
 * cluster of four nodes (R=2), the time to full redundancy after a node holding about GIB/2 GiB is lost, the
 * scrubber's rate on one node, and how fast garbage collection deletes what was freed, each beside the disk's
 * fdatasync write rate measured in the same run. Every byte is unique (no dedup flatters a figure).
 */
class HealingBenchmarkIT {
    @TempDir
    Path dir;
    LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void benchmark() throws Exception {
        String gib = System.getProperty("cairn.bench.heal");
        assumeThat(gib).as("-Dcairn.bench.heal=GIB").isNotBlank();
        long total = (long) (Double.parseDouble(gib) * (1L << 30));
        double disk = MachineLimits.fdatasyncWriteMbS(dir, 1L << 30);
        KeeperSettings keeper = new KeeperSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 0, 8,
                Duration.ofMillis(200), 0.10, false, Duration.ofHours(1));
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 4, 0,
                TestClusters.withChunkSize(TestClusters.settings().withKeeper(keeper), 4 << 20));
        Http http = new Http(cluster.url());
        List<String> names = new ArrayList<>();
        long fileSize = 64L << 20;
        for (long done = 0; done < total; done += fileSize) {
            String name = "bench/" + done / fileSize;
            assertThat(http.putStream(Http.file(name), Data.stream(fileSize, done), fileSize).status()).isEqualTo(201);
            names.add(name);
        }
        long held = cluster.node(1).store().usedBytes();

        long lostAt = System.nanoTime();
        cluster.stopNode(1);
        // Copies are given up once the node has been unhealthy for the repair delay: 2 s + 1 s here.
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/recovery/status").json().get("repairs_done").asLong() > 0);
        long repairStarted = System.nanoTime();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode status = http.get("/recovery/status").json();
            return status.get("repaired_bytes").asLong() >= held && status.get("under_replicated_chunks").asLong() == 0;
        });
        double toFull = (System.nanoTime() - lostAt) / 1e9;
        double repairing = (System.nanoTime() - repairStarted) / 1e9;
        long repaired = http.get("/recovery/status").json().get("repaired_bytes").asLong();

        long scrubbed = cluster.node(0).store().usedBytes();
        long scrubStart = System.nanoTime();
        cluster.node(0).scrubNow();
        double scrubSeconds = (System.nanoTime() - scrubStart) / 1e9;

        long gcStart = System.nanoTime();
        for (String name : names) {
            assertThat(http.delete(Http.file(name)).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/recovery/status").json().get("reclaimed_bytes").asLong() >= 2 * total - held);
        double gcSeconds = (System.nanoTime() - gcStart) / 1e9 - 2; // less the grace period
        long reclaimed = http.get("/recovery/status").json().get("reclaimed_bytes").asLong();

        System.out.printf(Locale.ROOT, "healing benchmark: disk fdatasync write %.0f MB/s; lost node held %.2f GiB: "
                        + "full redundancy %.1f s after the loss (%.1f s of copying, %.0f MB/s = %.2f x disk); "
                        + "scrub %.0f MB/s (%.2f x disk reading %.2f GiB); garbage collection deleted %.2f GiB in "
                        + "%.1f s (%.0f MB/s)%n", disk, held / 1073741824.0, toFull, repairing,
                repaired / 1e6 / repairing, repaired / 1e6 / repairing / disk, scrubbed / 1e6 / scrubSeconds,
                scrubbed / 1e6 / scrubSeconds / disk, scrubbed / 1073741824.0, reclaimed / 1073741824.0,
                gcSeconds, reclaimed / 1e6 / Math.max(0.1, gcSeconds));
    }
}
