package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.Names;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a database holds after it was closed, or its process killed: exactly the entries {@code applied()} says. */
class RecoveryTest {
    private static final String B = Names.DEFAULT_BUCKET;

    @Test
    void reopeningRestoresTheStateAndTheIndex(@TempDir Path dir) {
        String digest;
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            TestLog log = new TestLog(db);
            log.apply(new MetaCommand.InitCluster("c", AT));
            TestData.registerNodes().forEach(log::apply);
            for (int i = 0; i < 50; i++) {
                log.apply(TestData.commit(B, "k" + (i % 7), TestData.written("c" + i, 10, "n1")));
            }
            log.apply(new MetaCommand.DeleteObject(B, "k3", null));
            digest = TestData.digest(db.store().live());
        }
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(TestData.digest(db.store().live())).isEqualTo(digest);
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 56));
            assertThat(db.reader().applied().index()).isEqualTo(56);
            assertThat(db.reader().head(B, "k3")).isEmpty();
            assertThat(db.reader().head(B, "k1").orElseThrow().versionCount()).isEqualTo(7);
            // The log continues where it stopped.
            new TestLog(db).apply(new MetaCommand.CreateBucket("more", AT, null));
            assertThat(db.reader().applied().index()).isEqualTo(57);
        }
    }

    /**
     * Kills a process applying entries (SIGKILL, no shutdown of any kind): every entry up to the last sync or
     * checkpoint must be there, and the store must hold exactly the entries up to its applied position, so that the
     * Raft log can replay the rest.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aKilledStoreHoldsExactlyTheEntriesItSaysAtLeastThoseSynced(@TempDir Path dir, @TempDir Path checkpoints)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp", classpath, CrashingWriter.class.getName(), dir.toString(), checkpoints.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // Every line the child printed before the kill, read to the end: each reports a durable position.
        CountDownLatch warmedUp = new CountDownLatch(1);
        CompletableFuture<List<String>> output = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    if (Long.parseLong(line.split(" ")[1]) >= 1_000) {
                        warmedUp.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        });
        try {
            // Then at a random moment, most likely between two syncs.
            warmedUp.await(30, TimeUnit.SECONDS);
            Thread.sleep(ThreadLocalRandom.current().nextInt(50));
        } finally {
            child.destroyForcibly(); // SIGKILL while the writer keeps going
        }
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        long synced = 0;
        long checkpointed = 0;
        Path checkpoint = null;
        for (String line : output.get(20, TimeUnit.SECONDS)) {
            String[] words = line.split(" ");
            synced = Long.parseLong(words[1]);
            if (words[0].equals("CHECKPOINT")) {
                checkpointed = synced;
                checkpoint = Path.of(words[2]);
            }
        }
        assertThat(synced).as("child output; classpath " + classpath.split(File.pathSeparator).length + " entries")
                .isGreaterThanOrEqualTo(1_000);

        String digest;
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            AppliedIndex applied = db.applied();
            assertThat(applied.term()).isEqualTo(1);
            assertThat(applied.index()).isGreaterThanOrEqualTo(synced);
            assertThat(db.reader().applied()).isEqualTo(applied);
            assertHoldsExactlyTheEntriesUpTo(db, applied.index());

            // Replay from the log: what the store holds is skipped, the rest applies.
            digest = db.digest();
            for (long index = synced; index <= applied.index(); index++) {
                assertThat(db.apply(1, index, CommandCodec.encode(CrashingWriter.entry(index)))).isNull();
            }
            assertThat(db.digest()).isEqualTo(digest);
            for (long index = applied.index() + 1; index <= applied.index() + 10; index++) {
                db.apply(1, index, CommandCodec.encode(CrashingWriter.entry(index))).getFirst().orThrow(Object.class);
            }
            assertHoldsExactlyTheEntriesUpTo(db, applied.index() + 10);
        }
        // The last checkpoint reported taken is whole, whatever the kill interrupted after it.
        try (MetaDatabase copy = MetaDatabase.open(checkpoint)) {
            assertThat(copy.applied()).isEqualTo(new AppliedIndex(1, checkpointed));
            assertHoldsExactlyTheEntriesUpTo(copy, checkpointed);
        }
    }

    /** The cluster's start and then one file for each entry from 2 to {@code last}: nothing torn, nothing beyond. */
    private static void assertHoldsExactlyTheEntriesUpTo(MetaDatabase db, long last) {
        MetaReader reader = db.reader();
        assertThat(reader.clusterId()).contains("crash");
        Set<String> expected = new HashSet<>();
        for (long index = CrashingWriter.FIRST_FILE; index <= last; index++) {
            expected.add(CrashingWriter.key(index));
        }
        List<ObjectHead> all = reader.listHeads(B, "", null, 100_000);
        assertThat(all).extracting(ObjectHead::key).containsExactlyInAnyOrderElementsOf(expected);
        for (ObjectHead head : all) {
            ObjectVersion version = reader.latest(B, head.key()).orElseThrow();
            assertThat(reader.chunk(version.chunks().getFirst().id())).isPresent();
        }
        assertThat(reader.stats()).isEqualTo(TestData.recomputeStats(db.store().live()));
    }
}
