package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.Names;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    private static final String B = Names.DEFAULT_BUCKET;

    @Test
    void reopeningRestoresTheStateAndTheIndex(@TempDir Path dir) {
        String digest;
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            db.log().submit(new MetaCommand.InitCluster("c", AT)).join();
            for (int i = 0; i < 50; i++) {
                db.log().submit(TestData.commit(B, "k" + (i % 7), TestData.written("c" + i, 10, "n1"))).join();
            }
            db.log().submit(new MetaCommand.DeleteObject(B, "k3", null)).join();
            digest = TestData.digest(db.store().live());
        }
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(TestData.digest(db.store().live())).isEqualTo(digest);
            assertThat(db.reader().applied().index()).isEqualTo(52);
            assertThat(db.reader().head(B, "k3")).isEmpty();
            assertThat(db.reader().head(B, "k1").orElseThrow().versionCount()).isEqualTo(7);
            // The log continues where it stopped.
            db.log().submit(new MetaCommand.CreateBucket("more", AT)).join();
            assertThat(db.reader().applied().index()).isEqualTo(53);
        }
    }

    /** Kills a writing process (SIGKILL, no shutdown of any kind): every acknowledged commit must be there. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyAcknowledgedCommitSurvivesAKill(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp", classpath, CrashingWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acked = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && acked.size() < 400) {
                if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                }
            }
            child.destroyForcibly(); // SIGKILL while the writers keep going
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).as("child output; classpath " + classpath.split(File.pathSeparator).length + " entries")
                .hasSize(400);

        try (MetaDatabase db = MetaDatabase.open(dir)) {
            MetaReader reader = db.reader();
            List<String> missing = new ArrayList<>();
            for (String key : acked) {
                if (reader.head(B, key).isEmpty()) {
                    missing.add(key);
                }
            }
            assertThat(missing).isEmpty();
            // Maybe more than acknowledged (applied, not yet acked), never a torn command.
            List<ObjectHead> all = reader.listHeads(B, "", null, 100_000);
            assertThat(all.size()).isGreaterThanOrEqualTo(acked.size());
            assertThat(reader.applied().index()).isEqualTo(1 + all.size());
            for (ObjectHead head : all) {
                ObjectVersion version = reader.latest(B, head.key()).orElseThrow();
                assertThat(reader.chunk(version.chunks().getFirst().id())).isPresent();
            }
            assertThat(reader.stats()).isEqualTo(TestData.recomputeStats(db.store().live()));
            // And it goes on accepting commands.
            db.log().submit(new MetaCommand.CreateBucket("after-crash", AT)).join().orThrow(Object.class);
        }
    }
}
