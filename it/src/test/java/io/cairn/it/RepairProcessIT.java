package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a controller and four storage nodes (R=2), a few hundred MiB in files of mixed sizes, one node
 * SIGKILLed and never restarted. Full redundancy must come back with no intervention, and every file must download
 * identical. Prints the time to full redundancy and the repair throughput.
 */
class RepairProcessIT {
    static final Map<String, String> ENV = Map.of("HEALTH_CHECK_INTERVAL", "200ms", "NODE_TIMEOUT", "2s",
            "REPAIR_DELAY", "2s", "KEEPER_INTERVAL", "300ms", "REPAIR_CONCURRENCY", "8", "CAIRN_JAVA_OPTS",
            "-Xmx384m", "S3_PORT", "-1", "SCRUB_RATE", "0");

    @TempDir
    Path dir;
    Processes processes;

    @AfterEach
    void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void aNodeKilledForGoodIsRepairedWithoutIntervention() throws Exception {
        processes = new Processes(dir);
        String url = processes.startController(ENV, dir.resolve("controller"));
        List<Process> nodes = new ArrayList<>();
        List<String> nodeUrls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int nodePort = Processes.freePort();
            nodeUrls.add("http://127.0.0.1:" + nodePort);
            nodes.add(processes.start("node" + i, ENV, "node", "--controller", url, "--port",
                    Integer.toString(nodePort), "--host", "127.0.0.1", "--data", dir.resolve("node" + i).toString()));
        }
        Http http = new Http(url);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 4);

        // 256 MiB of unique bytes in files from 1 byte to 64 MiB.
        Map<String, long[]> files = new LinkedHashMap<>();
        long[] sizes = {1, 4096, 1 << 20, (4 << 20) + 17, 16L << 20, 40L << 20, 64L << 20, 64L << 20, 67L << 20};
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            long size = sizes[i];
            Http.Response put = http.putStream(Http.file("mixed/" + i), Data.stream(size, 40 + i), size);
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            files.put("mixed/" + i, new long[] {size, 40 + i});
            total += size;
        }

        long killedAt = System.nanoTime();
        Processes.kill(nodes.get(1));
        String dead = nodeUrls.get(1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> fullyRedundantWithout(http, files.keySet(), dead));
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        // The status reports the leader's last pass; the pass after the last repair finds nothing short.
        await().atMost(Duration.ofSeconds(10)).until(
                () -> http.get("/recovery/status").json().get("under_replicated_chunks").asLong() == 0);
        long repaired = http.get("/recovery/status").json().get("repaired_bytes").asLong();
        // Copies are given up 4 s after the last heartbeat: node timeout 2 s, then the repair delay 2 s.
        System.out.printf(Locale.ROOT, "repair after a SIGKILL: %.1f MiB of %.1f MiB stored re-replicated; full "
                        + "redundancy %.1f s after the kill (node timeout 2 s + repair delay 2 s), so about %.0f MB/s "
                        + "of repair%n", repaired / 1048576.0, 2 * total / 1048576.0, seconds,
                repaired / 1e6 / Math.max(0.1, seconds - 4));
        assertThat(repaired).isPositive();
        for (Map.Entry<String, long[]> file : files.entrySet()) {
            HttpResponse<InputStream> download = http.stream(http.request(Http.download(file.getKey())).GET().build());
            assertThat(download.statusCode()).isEqualTo(200);
            try (InputStream body = download.body()) {
                assertThat(Data.sha256(body)).as(file.getKey()).isEqualTo(Data.sha256(file.getValue()[0],
                        file.getValue()[1]));
            }
        }
    }

    /** Whether every chunk of every file has two copies on healthy nodes other than {@code dead}. */
    private static boolean fullyRedundantWithout(Http http, Iterable<String> names, String dead) {
        for (String name : names) {
            for (JsonNode chunk : http.get(Http.file(name) + "/chunks").json().get("chunks")) {
                int live = 0;
                for (JsonNode replica : chunk.get("replicas")) {
                    live += replica.get("healthy").asBoolean() && !replica.get("url").asText().equals(dead) ? 1 : 0;
                }
                if (live < 2) {
                    return false;
                }
            }
        }
        return true;
    }
}
