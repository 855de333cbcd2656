package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MetaDatabase} as a Raft state machine uses it: encoded entries at log positions, snapshots, digests. */
class ReplicatedLogTest {
    @TempDir
    Path dir;

    @Test
    void anAppliedEntryIsVisibleToReadersOnReturn() {
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(db.applied()).isEqualTo(AppliedIndex.NONE);
            assertThat(db.apply(1, 1, entry(new MetaCommand.InitCluster("c", AT))).getFirst()).isInstanceOf(ApplyResult.Ok.class);
            ApplyResult result = db.apply(2, 3, entry(new MetaCommand.CreateBucket("photos", AT, null))).getFirst();

            assertThat(result.orThrow(BucketRecord.class).name()).isEqualTo("photos");
            assertThat(db.reader().bucket("photos")).isPresent();
            assertThat(db.reader().applied()).isEqualTo(new AppliedIndex(2, 3));
            assertThat(db.applied()).isEqualTo(new AppliedIndex(2, 3));
        }
    }

    @Test
    void applyWritesWithoutSyncingSyncDoes() {
        InstrumentedStore store = new InstrumentedStore(RocksMetaStore.open(dir));
        try (MetaDatabase db = MetaDatabase.open(store)) {
            feed(db, new CommandGenerator(1).next(50), 1);
            assertThat(store.writes).hasValue(50);
            assertThat(store.syncs).hasValue(0);
            // Readers need no sync either: what the log committed, they may see.
            assertThat(db.reader().applied()).isEqualTo(new AppliedIndex(1, 50));
            db.sync();
            assertThat(store.syncs).hasValue(1);
        }
    }

    /** After a restart the log replays its tail, which the store may already hold. */
    @Test
    void entriesTheStoreHoldsAreSkipped() {
        List<MetaCommand> commands = new CommandGenerator(2).next(30);
        String digest;
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            feed(db, commands.subList(0, 20), 1);
            digest = db.digest();
        }
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 20));
            for (int i = 10; i < 20; i++) {
                assertThat(db.apply(1, i + 1, entry(commands.get(i)))).isNull();
            }
            assertThat(db.digest()).isEqualTo(digest);
            assertThat(db.apply(1, 21, entry(commands.get(20))).getFirst()).isNotNull();
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 21));
        }
    }

    @Test
    void aSkippedEntryMovesOnlyTheAppliedPosition() {
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            db.apply(1, 1, entry(new MetaCommand.InitCluster("c", AT)));
            String before = db.digest();
            db.skip(2, 2); // a new leader's no-op entry, say
            assertThat(db.applied()).isEqualTo(new AppliedIndex(2, 2));
            assertThat(db.digest()).isEqualTo(before);
            db.skip(1, 2); // replayed: ignored
            assertThat(db.apply(2, 2, entry(new MetaCommand.CreateBucket("xyz", AT, null)))).isNull();
            assertThat(db.apply(2, 3, entry(new MetaCommand.CreateBucket("xyz", AT, null))).getFirst())
                    .isInstanceOf(ApplyResult.Ok.class);
        }
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(db.applied()).isEqualTo(new AppliedIndex(2, 3));
        }
    }

    @Test
    void anUndecodableEntryIsRejectedAndStillTakesItsIndex() {
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            db.apply(1, 1, entry(new MetaCommand.InitCluster("c", AT)));
            String before = db.digest();
            for (String garbage : List.of("", "{\"v\":1,\"type\":\"Nope\",\"c\":{}}", "{\"v\":7}")) {
                long index = db.applied().index() + 1;
                assertThat(db.apply(1, index, garbage.getBytes(StandardCharsets.UTF_8)).getFirst()).as(garbage)
                        .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                                r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
                assertThat(db.applied()).isEqualTo(new AppliedIndex(1, index));
            }
            assertThat(db.digest()).isEqualTo(before);
        }
    }

    /** The documented upgrade path: a store whose applied index is a bare number (format v1 before terms). */
    @Test
    void aStoreWrittenBeforeTermsWereRecordedReadsAsTermZero() {
        try (RocksMetaStore store = RocksMetaStore.open(dir)) {
            TreeMap<byte[], byte[]> old = new TreeMap<>(Arrays::compareUnsigned);
            old.put(Keys.APPLIED_INDEX, RecordCodecTest.golden("v1", "applied-index.json"));
            store.write(old);
        }
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(db.applied()).isEqualTo(new AppliedIndex(0, 42));
            assertThat(db.reader().applied()).isEqualTo(new AppliedIndex(0, 42));
            assertThat(db.apply(3, 42, entry(new MetaCommand.CreateBucket("xyz", AT, null)))).isNull();
            assertThat(db.apply(3, 43, entry(new MetaCommand.CreateBucket("xyz", AT, null))).getFirst())
                    .isInstanceOf(ApplyResult.Ok.class);
        }
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            assertThat(db.applied()).isEqualTo(new AppliedIndex(3, 43));
        }
    }

    @Test
    void aCheckpointHoldsExactlyWhatWasAppliedBeforeIt(@TempDir Path snapshots) {
        List<MetaCommand> commands = new CommandGenerator(3).next(80);
        Path checkpoint = snapshots.resolve("cp");
        String atCheckpoint;
        String atEnd;
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            feed(db, commands.subList(0, 40), 1);
            assertThat(db.checkpoint(checkpoint)).isEqualTo(new AppliedIndex(1, 40));
            atCheckpoint = db.digest();
            feed(db, commands.subList(40, 80), 41);
            atEnd = db.digest();
            assertThat(atEnd).isNotEqualTo(atCheckpoint);
            assertThatThrownBy(() -> db.checkpoint(checkpoint)).isInstanceOf(IllegalArgumentException.class);
        }
        try (MetaDatabase copy = MetaDatabase.open(checkpoint)) {
            assertThat(copy.applied()).isEqualTo(new AppliedIndex(1, 40));
            assertThat(copy.digest()).isEqualTo(atCheckpoint);
            assertThat(copy.reader().stats()).isEqualTo(TestData.recomputeStats(copy.store().live()));
            // A replica restored from it catches up with the rest of the log.
            feed(copy, commands.subList(40, 80), 41);
            assertThat(copy.digest()).isEqualTo(atEnd);
        }
        assertThat(Files.isDirectory(checkpoint)).isTrue();
    }

    @Test
    void aRestoreReplacesTheWholeStateWithTheCheckpoints(@TempDir Path snapshots, @TempDir Path follower)
            throws IOException {
        List<MetaCommand> commands = new CommandGenerator(5).next(80);
        Path checkpoint = snapshots.resolve("cp");
        String atCheckpoint;
        try (MetaDatabase leader = MetaDatabase.open(dir)) {
            feed(leader, commands.subList(0, 60), 1);
            leader.checkpoint(checkpoint);
            atCheckpoint = leader.digest();
        }
        List<String> files = files(checkpoint);
        try (MetaDatabase db = MetaDatabase.open(follower)) {
            feed(db, new CommandGenerator(6).next(70), 1); // another history, even a longer one, goes entirely
            db.restore(checkpoint);

            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 60));
            assertThat(db.digest()).isEqualTo(atCheckpoint);
            assertThat(db.reader().applied()).isEqualTo(new AppliedIndex(1, 60));
            assertThat(db.reader().stats()).isEqualTo(TestData.recomputeStats(db.store().live()));
            feed(db, commands.subList(60, 80), 61);
        }
        try (MetaDatabase db = MetaDatabase.open(follower)) {
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 80));
        }
        // A snapshot that other replicas may still fetch is left exactly as it was.
        assertThat(files(checkpoint)).isEqualTo(files);
    }

    @Test
    void onlyACheckpointIsRestored(@TempDir Path other) {
        RocksMetaStore.open(other.resolve("empty")).close();
        try (MetaDatabase db = MetaDatabase.open(dir)) {
            feed(db, new CommandGenerator(7).next(10), 1);
            String before = db.digest();
            assertThatThrownBy(() -> db.restore(other.resolve("missing"))).isInstanceOf(MetaStoreException.class);
            assertThatThrownBy(() -> db.restore(other.resolve("empty"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(db.digest()).isEqualTo(before);
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 10));
            assertThat(Files.exists(other.resolve("missing"))).isFalse();
        }
    }

    @Test
    void digestsCompareStatesNotLogPositions(@TempDir Path other, @TempDir Path third) {
        List<MetaCommand> commands = new CommandGenerator(4).next(60);
        try (MetaDatabase a = MetaDatabase.open(dir);
             MetaDatabase b = MetaDatabase.open(other);
             MetaDatabase c = MetaDatabase.open(third)) {
            feed(a, commands, 1);
            feed(b, commands, 1_000);
            feed(c, commands.subList(0, 59), 1);
            c.apply(1, 60, entry(new MetaCommand.CreateBucket("only-here", AT, null)));

            assertThat(a.applied()).isNotEqualTo(b.applied());
            assertThat(a.digest()).isEqualTo(b.digest()).hasSize(64);
            assertThat(c.digest()).isNotEqualTo(a.digest());
        }
    }

    /** A replica whose disk fails must stop applying; until then readers keep the last state it published. */
    @Test
    void aStoreFailureEscapesAndLeavesTheAppliedPositionWhereItWas() {
        InstrumentedStore store = new InstrumentedStore(RocksMetaStore.open(dir));
        try (MetaDatabase db = MetaDatabase.open(store)) {
            db.apply(1, 1, entry(new MetaCommand.InitCluster("c", AT)));
            store.failWrites.set(true);

            assertThatThrownBy(() -> db.apply(1, 2, entry(new MetaCommand.CreateBucket("doomed", AT, null))).getFirst())
                    .isInstanceOf(MetaStoreException.class);
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 1));
            assertThat(db.reader().applied()).isEqualTo(new AppliedIndex(1, 1));
            assertThat(db.reader().bucket("doomed")).isEmpty();
            assertThat(db.reader().clusterId()).contains("c"); // reads still work
        }
    }

    @Test
    void readsAfterCloseFailCleanly() {
        MetaDatabase closed = MetaDatabase.open(dir);
        closed.close();
        assertThatThrownBy(() -> closed.reader().buckets()).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        closed.close(); // idempotent
    }

    /** Applies {@code commands} at consecutive indexes from {@code first}, in term 1. */
    private static void feed(MetaDatabase db, List<MetaCommand> commands, long first) {
        for (int i = 0; i < commands.size(); i++) {
            assertThat(db.apply(1, first + i, entry(commands.get(i))).getFirst()).isNotNull();
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName() + " " + f.toFile().length()).sorted().toList();
        }
    }

    private static byte[] entry(MetaCommand command) {
        return CommandCodec.encode(command);
    }
}
