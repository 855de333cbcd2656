package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.commit;
import static io.cairn.meta.TestData.deduped;
import static io.cairn.meta.TestData.node;
import static io.cairn.meta.TestData.withRequest;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command through the whole stack (encoded log entry, database, state machine, RocksDB, reader), accepted and
 * rejected.
 */
class MetaCommandsTest extends StoreTest {
    private static final String B = Names.DEFAULT_BUCKET;


    ApplyResult run(MetaCommand command) {
        return log.apply(command);
    }

    <T> T ok(MetaCommand command, Class<T> type) {
        return run(command).orThrow(type);
    }

    @SuppressWarnings("unchecked")
    List<Long> deleted(MetaCommand.DeleteObject command) {
        return ok(command, List.class);
    }

    /** A rejection changes nothing but the applied index. */
    void rejected(MetaCommand command, ErrorCode code, String messagePart) {
        String before = StateDigest.of(db.store().live());
        long index = reader.applied().index();
        ApplyResult result = run(command);
        assertThat(result).isInstanceOfSatisfying(ApplyResult.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(code);
            assertThat(rejected.message()).contains(messagePart);
        });
        assertThat(reader.applied().index()).isEqualTo(index + 1);
        assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
    }

    @Test
    void initClusterSetsTheIdOnceAndCreatesTheDefaultBucket() {
        assertThat(reader.clusterId()).contains("c-1");
        assertThat(reader.bucket(B)).contains(new BucketRecord(B, AT, null));
        assertThat(ok(new MetaCommand.InitCluster("c-2", AT + 5), String.class)).isEqualTo("c-1");
        assertThat(reader.clusterId()).contains("c-1");
        assertThat(reader.buckets()).containsExactly(new BucketRecord(B, AT, null));
    }

    @Test
    void initClusterWithoutAnIdIsRejected(@TempDir Path other) {
        try (MetaDatabase fresh = MetaDatabase.open(other)) {
            ApplyResult result = new TestLog(fresh).apply(new MetaCommand.InitCluster(" ", AT));
            assertThat(result).isEqualTo(new ApplyResult.Rejected(ErrorCode.INVALID_ARGUMENT,
                    "a cluster id must not be blank"));
            assertThat(fresh.reader().clusterId()).isEmpty();
            assertThat(fresh.reader().buckets()).isEmpty();
        }
    }

    @Nested
    class Buckets {
        @Test
        void createListAndDelete() {
            assertThat(ok(new MetaCommand.CreateBucket("photos", AT + 1, null), BucketRecord.class))
                    .isEqualTo(new BucketRecord("photos", AT + 1, null));
            ok(new MetaCommand.CreateBucket("a-first", AT + 2, null), BucketRecord.class);
            assertThat(reader.buckets()).extracting(BucketRecord::name).containsExactly("a-first", B, "photos");

            assertThat(ok(new MetaCommand.DeleteBucket("photos"), BucketRecord.class).name()).isEqualTo("photos");
            assertThat(reader.bucket("photos")).isEmpty();
        }

        @Test
        void rejections() {
            rejected(new MetaCommand.CreateBucket(B, AT, null), ErrorCode.ALREADY_EXISTS, "already exists");
            rejected(new MetaCommand.CreateBucket("Bad_Name", AT, null), ErrorCode.INVALID_NAME, "bucket names");
            rejected(new MetaCommand.DeleteBucket("missing"), ErrorCode.NO_SUCH_BUCKET, "does not exist");
        }

        @Test
        void onlyAnEmptyBucketCanBeDeleted() {
            ok(new MetaCommand.CreateBucket("docs", AT, null), BucketRecord.class);
            ok(TestData.empty("docs", "a"), ObjectVersion.class);
            rejected(new MetaCommand.DeleteBucket("docs"), ErrorCode.BUCKET_NOT_EMPTY, "not empty");

            ok(new MetaCommand.DeleteObject("docs", "a", null), List.class);
            ok(new MetaCommand.DeleteBucket("docs"), BucketRecord.class);
            assertThat(reader.bucket("docs")).isEmpty();
        }

        @Test
        void aBucketIsNotEmptiedByItsNeighbour() {
            ok(new MetaCommand.CreateBucket("docs", AT, null), BucketRecord.class);
            ok(new MetaCommand.CreateBucket("docs2", AT, null), BucketRecord.class);
            ok(TestData.empty("docs2", "a"), ObjectVersion.class);
            ok(new MetaCommand.DeleteBucket("docs"), BucketRecord.class);
            assertThat(reader.listHeads("docs2", "", null, 10)).hasSize(1);
        }
    }

    @Test
    void registerNodeUpsertsAndKeepsTheFirstRegistration() {
        NodeRecord first = NodeRecord.fresh(node("n7"), "http://h2:9002", AT, "z1", "s-7");
        assertThat(ok(new MetaCommand.RegisterNode(first), NodeRecord.class)).isEqualTo(first);
        ok(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n6"), "http://h1:9001", AT + 1, null, "s-6")),
                NodeRecord.class);

        NodeRecord moved = ok(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n7"), "http://h9:9002", AT + 99, "z2",
                "s-7")), NodeRecord.class);

        assertThat(moved).isEqualTo(NodeRecord.fresh(node("n7"), "http://h9:9002", AT, "z2", "s-7"));
        assertThat(reader.nodes()).extracting(NodeRecord::id).endsWith(node("n6"), node("n7"));
        assertThat(reader.node(node("n7"))).contains(moved);
        rejected(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n8"), " ", AT, null, null)),
                ErrorCode.INVALID_ARGUMENT, "needs a url");
    }

    @Nested
    class Commit {
        @Test
        void firstVersionWritesVersionHeadAndChunks() {
            ObjectVersion v1 = ok(commit(B, "dir/a.txt", written("x", 10, "n2", "n1"), written("y", 5, "n1")),
                    ObjectVersion.class);

            assertThat(v1).isEqualTo(new ObjectVersion(B, "dir/a.txt", 1, 15, TestData.CHUNK_SIZE, 2, AT,
                    "text/plain", Map.of("k", "v"), List.of(new ChunkRef(chunk("x"), 10), new ChunkRef(chunk("y"), 5)), null, false, false, null, null, null,
                    null));
            assertThat(reader.version(B, "dir/a.txt", 1)).contains(v1);
            assertThat(reader.latest(B, "dir/a.txt")).contains(v1);
            assertThat(reader.head(B, "dir/a.txt")).contains(
                    new ObjectHead(B, "dir/a.txt", 1, 1, 2, 15, AT, 2, "text/plain", null, false, 0));
            assertThat(reader.chunk(chunk("x"))).contains(
                    TestData.record("x", 10, List.of("n1", "n2"), 1, 2));
            assertThat(TestData.namespaceCounts(reader.stats())).isEqualTo(new ClusterStats(1, 1, 15, 2, 15, 25, 0, 0, 0));
        }

        @Test
        void versionsAreNumberedPerKey() {
            for (int i = 1; i <= 3; i++) {
                assertThat(ok(commit(B, "a", written("a" + i, i, "n1")), ObjectVersion.class).version()).isEqualTo(i);
            }
            assertThat(ok(commit(B, "b", written("b", 1, "n1")), ObjectVersion.class).version()).isEqualTo(1);
            assertThat(reader.versions(B, "a")).extracting(ObjectVersion::version).containsExactly(1L, 2L, 3L);
            assertThat(reader.head(B, "a").orElseThrow())
                    .extracting(ObjectHead::latestVersion, ObjectHead::versionCount, ObjectHead::nextVersion,
                            ObjectHead::size)
                    .containsExactly(3L, 3L, 4L, 3L);
            assertThat(TestData.namespaceCounts(reader.stats())).isEqualTo(new ClusterStats(2, 4, 7, 4, 7, 7, 0, 0, 0));
        }

        @Test
        void anEmptyFileHasNoChunks() {
            ObjectVersion v = ok(TestData.empty(B, "empty"), ObjectVersion.class);
            assertThat(v.chunks()).isEmpty();
            assertThat(reader.head(B, "empty").orElseThrow().chunkCount()).isZero();
        }

        @Test
        void intoAMissingBucket() {
            rejected(commit("nope", "a", written("x", 1, "n1")), ErrorCode.NO_SUCH_BUCKET, "bucket 'nope' does not exist");
        }

        @Test
        void ifNoneMatch() {
            ok(commit(B, "a", true, written("x", 1, "n1")), ObjectVersion.class);
            rejected(commit(B, "a", true, written("y", 1, "n1")), ErrorCode.ALREADY_EXISTS, "already exists");
            assertThat(ok(commit(B, "a", false, written("y", 1, "n1")), ObjectVersion.class).version()).isEqualTo(2);
        }

        @Test
        void sizeMustBeTheSumOfTheChunks() {
            MetaCommand.CommitVersion c = commit(B, "a", written("x", 10, "n1"));
            rejected(new MetaCommand.CommitVersion(B, "a", 11, c.chunkSize(), 1, null, null, c.chunks(), false, AT,
                    null, null), ErrorCode.INVALID_ARGUMENT, "add up to 10 bytes but the file has 11");
            rejected(new MetaCommand.CommitVersion(B, "a", 10, 0, 1, null, null, c.chunks(), false, AT, null, null),
                    ErrorCode.INVALID_ARGUMENT, "chunk size");
            rejected(new MetaCommand.CommitVersion(B, "a", 10, 4, 0, null, null, c.chunks(), false, AT, null, null),
                    ErrorCode.INVALID_ARGUMENT, "replication");
        }

        @Test
        void aKeyTheLayoutCannotStoreIsRejected() {
            rejected(commit(B, "a\u0000b", written("x", 1, "n1")), ErrorCode.INVALID_NAME, "NUL");
            rejected(commit(B, "", written("x", 1, "n1")), ErrorCode.INVALID_NAME, "empty");
            rejected(commit(B, "bad\uD800", written("x", 1, "n1")), ErrorCode.INVALID_NAME, "UTF-8");
            rejected(commit(B, "x".repeat(1025), written("x", 1, "n1")), ErrorCode.INVALID_NAME, "1024");
        }

        @Test
        void dedupOfAnUnknownChunkIsRejected() {
            rejected(commit(B, "a", written("x", 1, "n1"), deduped("never-stored", 1)),
                    ErrorCode.UNAVAILABLE, "is no longer stored; retry the upload");
            assertThat(reader.chunk(chunk("x"))).isEmpty();
        }

        @Test
        void dedupOfAChunkWithoutReplicasIsRejected() {
            ok(commit(B, "a", written("x", 1, "n1")), ObjectVersion.class);
            deleted(new MetaCommand.DeleteObject(B, "a", null));
            ok(new MetaCommand.CondemnChunks(List.of(chunk("x")), AT), Integer.class);
            ok(new MetaCommand.CollectChunks(List.of(chunk("x")), AT), Integer.class);
            rejected(commit(B, "b", deduped("x", 1)), ErrorCode.UNAVAILABLE, "no longer stored");
            // Writing it again makes it usable again.
            ok(commit(B, "b", written("x", 1, "n3")), ObjectVersion.class);
            assertThat(reader.chunk(chunk("x")).orElseThrow().replicas()).containsExactly(node("n3"));
        }

        @Test
        void aChunkIdRecordedWithAnotherSizeConflicts() {
            ok(commit(B, "a", written("x", 10, "n1")), ObjectVersion.class);
            rejected(commit(B, "b", written("x", 11, "n1")), ErrorCode.CONFLICT, "recorded with 10 bytes, not 11");
            rejected(commit(B, "c", written("y", 3, "n1"), written("y", 4, "n1")), ErrorCode.CONFLICT, "not 4");
        }

        @Test
        void dedupWithinOneFileReliesOnTheCopyWrittenEarlierInIt() {
            ObjectVersion v = ok(commit(B, "a", written("x", 4, "n1"), deduped("x", 4)), ObjectVersion.class);
            assertThat(v.chunks()).hasSize(2);
            assertThat(reader.chunk(chunk("x")).orElseThrow().refCount()).isEqualTo(2);
        }
    }

    /** Commits with a request id: a client that retries after a lost reply must not create a second version. */
    @Nested
    class Retries {
        private static final long HOUR = CommitVersionHandler.REQUEST_TTL_MILLIS;

        @Test
        void aRetryAnswersTheVersionTheFirstAttemptCreated() {
            ObjectVersion first = ok(withRequest(commit(B, "a", written("x", 4, "n1")), "r1", AT), ObjectVersion.class);
            String state = StateDigest.of(db.store().live());

            // Even with ifNoneMatch: the key exists, but because of this very request.
            ObjectVersion retried = ok(withRequest(commit(B, "a", true, written("x", 4, "n1")), "r1", AT + 5_000),
                    ObjectVersion.class);

            assertThat(retried).isEqualTo(first);
            assertThat(StateDigest.of(db.store().live())).isEqualTo(state);
            assertThat(TestData.namespaceCounts(reader.stats())).isEqualTo(new ClusterStats(1, 1, 4, 1, 4, 4, 0, 0, 0));
            // Another id, or none, is another commit.
            assertThat(ok(withRequest(commit(B, "a", written("x", 4, "n1")), "r2", AT), ObjectVersion.class).version())
                    .isEqualTo(2);
            assertThat(ok(commit(B, "a", written("x", 4, "n1")), ObjectVersion.class).version()).isEqualTo(3);
        }

        @Test
        void aRetryAnswersTheVersionAsItIsNow() {
            ok(withRequest(TestData.empty(B, "a"), "r1", AT), ObjectVersion.class);
            ObjectVersion updated = ok(new MetaCommand.SetMetadata(B, "a", Map.of("m", "1")), ObjectVersion.class);
            assertThat(ok(withRequest(TestData.empty(B, "a"), "r1", AT + 1), ObjectVersion.class)).isEqualTo(updated);
        }

        @Test
        void aRetryAfterTheVersionWasDeletedIsNotFound() {
            ok(withRequest(TestData.empty(B, "a"), "r1", AT), ObjectVersion.class);
            deleted(new MetaCommand.DeleteObject(B, "a", null));
            rejected(withRequest(TestData.empty(B, "a"), "r1", AT + 1), ErrorCode.NOT_FOUND,
                    "request 'r1' committed version 1 of 'a' in bucket 'default', which has been deleted since");
        }

        @Test
        void onlyACommitThatWasAppliedIsRemembered() {
            rejected(withRequest(TestData.empty("later", "a"), "r1", AT), ErrorCode.NO_SUCH_BUCKET, "bucket 'later'");
            ok(new MetaCommand.CreateBucket("later", AT, null), BucketRecord.class);
            assertThat(ok(withRequest(TestData.empty("later", "a"), "r1", AT + 1), ObjectVersion.class).version())
                    .isEqualTo(1);
            assertThat(ok(withRequest(TestData.empty("later", "a"), "r1", AT + 2), ObjectVersion.class).version())
                    .isEqualTo(1);
        }

        @Test
        void anIdReusedForAnotherFileConflicts() {
            ok(withRequest(TestData.empty(B, "a"), "r1", AT), ObjectVersion.class);
            rejected(withRequest(TestData.empty(B, "b"), "r1", AT), ErrorCode.CONFLICT,
                    "request id 'r1' was used for file 'a' in bucket 'default'");
        }

        @Test
        void malformedIdsAndTimesAreRejected() {
            for (String id : List.of("", "with space", "caf\u00e9", "x".repeat(129))) {
                rejected(withRequest(TestData.empty(B, "a"), id, AT), ErrorCode.INVALID_ARGUMENT, "request id");
            }
            rejected(withRequest(TestData.empty(B, "a"), "r1", -1), ErrorCode.INVALID_ARGUMENT, "negative");
        }

        @Test
        void recordsArePrunedAnHourLaterByTheCommandsClock() {
            ok(withRequest(TestData.empty(B, "a"), "r1", AT), ObjectVersion.class);
            ok(withRequest(TestData.empty(B, "b"), "r2", AT + HOUR), ObjectVersion.class);
            assertThat(requestRecords()).isEqualTo(2); // r1 is exactly an hour older, not more

            ok(withRequest(TestData.empty(B, "c"), null, AT + HOUR + 1), ObjectVersion.class); // any commit prunes
            assertThat(requestRecords()).isEqualTo(1);
            assertThat(db.store().live().get(Keys.request("r1"))).isNull();
            // So a retry that late is a new commit.
            assertThat(ok(withRequest(TestData.empty(B, "a"), "r1", AT + HOUR + 2), ObjectVersion.class).version())
                    .isEqualTo(2);
        }

        @Test
        void aCommitPrunesTheOldestRecordsOnlyUpToItsLimit() {
            for (int i = 0; i < 100; i++) {
                ok(withRequest(TestData.empty(B, "k" + i), "r" + i, AT + i), ObjectVersion.class);
            }
            ok(withRequest(TestData.empty(B, "late"), null, AT + 2 * HOUR), ObjectVersion.class);
            assertThat(requestRecords()).isEqualTo(100 - CommitVersionHandler.PRUNE_LIMIT);
            assertThat(db.store().live().get(Keys.request("r" + (CommitVersionHandler.PRUNE_LIMIT - 1)))).isNull();
            assertThat(db.store().live().get(Keys.request("r" + CommitVersionHandler.PRUNE_LIMIT))).isNotNull();

            ok(withRequest(TestData.empty(B, "later"), null, AT + 2 * HOUR), ObjectVersion.class);
            assertThat(requestRecords()).isZero();
        }

        /** How many request records the store holds, checking that the age index is in step with them. */
        private long requestRecords() {
            long records = count(Keys.REQUEST);
            assertThat(count(Keys.REQUEST_AGE)).isEqualTo(records);
            return records;
        }

        private long count(byte kind) {
            long[] n = {0};
            db.store().live().scan(Keys.kind(kind), Keys.prefixEnd(Keys.kind(kind)), (k, v) -> {
                n[0]++;
                return true;
            });
            return n[0];
        }
    }

    @Test
    void refCountsCountEveryReferenceAndReplicasAreTheUnion() {
        ok(commit(B, "a", written("x", 4, "n1"), written("y", 2, "n1"), written("x", 4, "n2")), ObjectVersion.class);
        assertThat(reader.chunk(chunk("x")).orElseThrow())
                .isEqualTo(TestData.record("x", 4, List.of("n1", "n2"), 2, 2));

        MetaCommand.CommitVersion replicated3 = new MetaCommand.CommitVersion(B, "b", 4, 8, 3, null, null,
                List.of(written("x", 4, "n3")), false, AT, null, null);
        ok(replicated3, ObjectVersion.class);
        ok(commit(B, "c", deduped("x", 4)), ObjectVersion.class);
        assertThat(reader.chunk(chunk("x")).orElseThrow())
                .isEqualTo(TestData.record("x", 4, List.of("n1", "n2", "n3"), 4, 3));
        assertThat(TestData.namespaceCounts(reader.stats())).isEqualTo(new ClusterStats(3, 3, 18, 2, 6, 14, 0, 0, 0));

        assertThat(deleted(new MetaCommand.DeleteObject(B, "a", null))).containsExactly(1L);
        assertThat(reader.chunk(chunk("x")).orElseThrow().refCount()).isEqualTo(2);
        assertThat(reader.chunk(chunk("y")).orElseThrow().refCount()).isZero();
        deleted(new MetaCommand.DeleteObject(B, "b", null));
        deleted(new MetaCommand.DeleteObject(B, "c", null));
        // Records stay at zero, for a garbage collector to decide about later.
        assertThat(reader.chunks(List.of(chunk("x"), chunk("y"), chunk("z"))))
                .containsOnlyKeys(chunk("x"), chunk("y"))
                .allSatisfy((id, record) -> assertThat(record.refCount()).isZero());
        assertThat(TestData.namespaceCounts(reader.stats())).isEqualTo(new ClusterStats(0, 0, 0, 2, 6, 14, 0, 0, 0));
    }

    @Nested
    class Delete {
        @BeforeEach
        void threeVersions() {
            ok(commit(B, "a", written("a1", 1, "n1")), ObjectVersion.class);
            ok(new MetaCommand.CommitVersion(B, "a", 22, 16, 1, "image/png", null,
                    List.of(written("a2", 16, "n1"), written("a2b", 6, "n1")), false, AT + 2, null, null),
                    ObjectVersion.class);
            ok(new MetaCommand.CommitVersion(B, "a", 3, 16, 1, "text/csv", null,
                    List.of(written("a3", 3, "n1")), false, AT + 3, null, null), ObjectVersion.class);
        }

        @Test
        void anOlderVersionLeavesTheSummaryAlone() {
            assertThat(deleted(new MetaCommand.DeleteObject(B, "a", 1L))).containsExactly(1L);
            assertThat(reader.head(B, "a")).contains(new ObjectHead(B, "a", 3, 2, 4, 3, AT + 3, 1, "text/csv", null, false, 0));
            assertThat(reader.version(B, "a", 1)).isEmpty();
        }

        @Test
        void theLatestVersionMakesTheHeadSummariseThePreviousOne() {
            assertThat(deleted(new MetaCommand.DeleteObject(B, "a", 3L))).containsExactly(3L);
            assertThat(reader.head(B, "a")).contains(new ObjectHead(B, "a", 2, 2, 4, 22, AT + 2, 2, "image/png", null, false, 0));
            assertThat(reader.latest(B, "a").orElseThrow().version()).isEqualTo(2);
            // Numbers are not reused while the key exists.
            assertThat(ok(commit(B, "a", written("a4", 1, "n1")), ObjectVersion.class).version()).isEqualTo(4);
        }

        @Test
        void theLastVersionRemovesTheKeyAndNumberingRestarts() {
            deleted(new MetaCommand.DeleteObject(B, "a", 2L));
            deleted(new MetaCommand.DeleteObject(B, "a", 3L));
            assertThat(reader.head(B, "a").orElseThrow().latestVersion()).isEqualTo(1);
            deleted(new MetaCommand.DeleteObject(B, "a", 1L));
            assertThat(reader.head(B, "a")).isEmpty();
            assertThat(reader.latest(B, "a")).isEmpty();
            assertThat(reader.stats().objects()).isZero();
            assertThat(ok(commit(B, "a", written("a5", 1, "n1")), ObjectVersion.class).version()).isEqualTo(1);
        }

        @Test
        void allVersions() {
            assertThat(deleted(new MetaCommand.DeleteObject(B, "a", null))).containsExactly(1L, 2L, 3L);
            assertThat(reader.head(B, "a")).isEmpty();
            assertThat(reader.versions(B, "a")).isEmpty();
            assertThat(TestData.namespaceCounts(reader.stats())).isEqualTo(new ClusterStats(0, 0, 0, 4, 26, 26, 0, 0, 0));
        }

        @Test
        void rejections() {
            rejected(new MetaCommand.DeleteObject(B, "a", 9L), ErrorCode.NO_SUCH_VERSION, "version 9 of 'a' not found");
            rejected(new MetaCommand.DeleteObject(B, "b", null), ErrorCode.NOT_FOUND, "file 'b' not found");
            rejected(new MetaCommand.DeleteObject(B, "b", 1L), ErrorCode.NOT_FOUND, "file 'b' not found");
            rejected(new MetaCommand.DeleteObject("nope", "a", null), ErrorCode.NO_SUCH_BUCKET, "bucket 'nope'");
        }
    }

    @Test
    void setMetadataReplacesTheLatestVersionsOnly() {
        ok(commit(B, "a", written("x", 1, "n1")), ObjectVersion.class);
        ok(commit(B, "a", written("y", 1, "n1")), ObjectVersion.class);

        ObjectVersion updated = ok(new MetaCommand.SetMetadata(B, "a", Map.of("colour", "blue")), ObjectVersion.class);

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.metadata()).isEqualTo(Map.of("colour", "blue"));
        assertThat(reader.latest(B, "a")).contains(updated);
        assertThat(reader.version(B, "a", 1).orElseThrow().metadata()).isEqualTo(Map.of("k", "v"));
        rejected(new MetaCommand.SetMetadata(B, "b", Map.of()), ErrorCode.NOT_FOUND, "file 'b' not found");
        rejected(new MetaCommand.SetMetadata("nope", "a", Map.of()), ErrorCode.NO_SUCH_BUCKET, "bucket");
    }

    @Test
    void dropReplica() {
        ok(commit(B, "a", written("x", 10, "n1", "n2")), ObjectVersion.class);

        ChunkRecord dropped = ok(new MetaCommand.DropReplica(chunk("x"), node("n1")), ChunkRecord.class);

        assertThat(dropped).isEqualTo(TestData.record("x", 10, List.of("n2"), 1, 2));
        assertThat(reader.chunk(chunk("x"))).contains(dropped);
        assertThat(reader.stats().storedBytes()).isEqualTo(10);
        assertThat(ok(new MetaCommand.DropReplica(chunk("x"), node("n1")), ChunkRecord.class)).isEqualTo(dropped);
        rejected(new MetaCommand.DropReplica(chunk("unknown"), node("n1")), ErrorCode.NOT_FOUND, "not known");
    }

    @Test
    void orThrowTurnsARejectionIntoAnException() {
        ApplyResult result = run(new MetaCommand.DeleteBucket("missing"));
        assertThatThrownBy(() -> result.orThrow(BucketRecord.class))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_BUCKET));
    }
}
