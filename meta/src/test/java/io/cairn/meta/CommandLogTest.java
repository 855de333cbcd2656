package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ObjectVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandLogTest {
    @TempDir
    Path dir;
    InstrumentedStore store;
    MetaDatabase db;

    @BeforeEach
    void open() {
        store = new InstrumentedStore(RocksMetaStore.open(dir));
        db = MetaDatabase.open(store);
        db.log().submit(new MetaCommand.InitCluster("c", AT)).join();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void concurrentCommitsGetDistinctConsecutiveVersions() throws Exception {
        int threads = 8;
        int perThread = 100;
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentLinkedQueue<Long> versions = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        MetaCommand command = TestData.commit(Names.DEFAULT_BUCKET, "hot",
                                written("t" + id + "-" + i, 8, "n1"));
                        versions.add(db.log().submit(command).join().orThrow(ObjectVersion.class).version());
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        int total = threads * perThread;
        assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(db.reader().head(Names.DEFAULT_BUCKET, "hot").orElseThrow().versionCount()).isEqualTo(total);
        assertThat(db.reader().versions(Names.DEFAULT_BUCKET, "hot")).hasSize(total);
        assertThat(db.reader().applied().index()).isEqualTo(1 + total);
    }

    @Test
    void oneSyncServesAGroupOfCommands() throws Exception {
        // Hold the first group's sync so that everything else queues up behind it.
        CountDownLatch release = new CountDownLatch(1);
        store.holdSync.set(release);
        int before = store.syncs.get();
        List<CompletableFuture<ApplyResult>> futures = new ArrayList<>();
        futures.add(db.log().submit(TestData.empty(Names.DEFAULT_BUCKET, "first")));
        assertThat(store.syncHeld.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 2_000; i++) {
            futures.add(db.log().submit(TestData.empty(Names.DEFAULT_BUCKET, "k" + i)));
        }
        release.countDown();
        futures.forEach(CompletableFuture::join);

        int groups = (2_000 + CommandLog.MAX_GROUP - 1) / CommandLog.MAX_GROUP;
        assertThat(store.syncs.get() - before).isEqualTo(1 + groups);
        assertThat(store.writes.get()).isEqualTo(1 + 2_001); // still one batch per command
        assertThat(db.reader().applied().index()).isEqualTo(2_002);
    }

    @Test
    void readersSeeNothingBeforeTheSyncAndEverythingOnceTheFutureCompletes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        store.holdSync.set(release);

        CompletableFuture<ApplyResult> future = db.log().submit(new MetaCommand.CreateBucket("late", AT));
        assertThat(store.syncHeld.await(10, TimeUnit.SECONDS)).isTrue();

        // Applied (written to RocksDB) but not synced: invisible, not acknowledged.
        assertThat(store.live().get(Keys.bucket("late"))).isNotNull();
        assertThat(db.reader().bucket("late")).isEmpty();
        assertThat(db.reader().applied().index()).isEqualTo(1);
        assertThat(future).isNotDone();

        release.countDown();
        assertThat(future.join().orThrow(BucketRecord.class).name()).isEqualTo("late");
        assertThat(db.reader().bucket("late")).isPresent();
        assertThat(db.reader().applied().index()).isEqualTo(2);
    }

    @Test
    void futuresAreNotCompletedOnTheApplyThread() {
        String thread = db.log().submit(new MetaCommand.CreateBucket("x-1", AT))
                .thenApply(result -> Thread.currentThread().getName()).join();
        assertThat(thread).isNotEqualTo("meta-apply");
        // Hence a continuation may itself wait for the log without deadlocking it.
        ApplyResult nested = db.log().submit(new MetaCommand.CreateBucket("x-2", AT))
                .thenApply(r -> db.log().submit(new MetaCommand.CreateBucket("x-3", AT)).join()).join();
        assertThat(nested).isInstanceOf(ApplyResult.Ok.class);
    }

    @Test
    void aStoreFailureFailsTheGroupAndStopsTheLog() {
        store.failWrites.set(true);
        CompletableFuture<ApplyResult> failed = db.log().submit(new MetaCommand.CreateBucket("doomed", AT));

        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        store.failWrites.set(false);
        assertThatThrownBy(() -> db.log().submit(new MetaCommand.CreateBucket("after", AT)).join())
                .cause().isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThat(db.reader().bucket("after")).isEmpty();
        assertThat(db.reader().clusterId()).contains("c"); // reads still work
    }

    @Test
    void closeAppliesWhatWasSubmittedThenRefusesMore() {
        List<CompletableFuture<ApplyResult>> futures = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            futures.add(db.log().submit(TestData.empty(Names.DEFAULT_BUCKET, "k" + i)));
        }
        db.log().close();

        assertThat(futures).allSatisfy(f -> assertThat(f.join()).isInstanceOf(ApplyResult.Ok.class));
        assertThat(db.reader().applied().index()).isEqualTo(1_001);
        assertThatThrownBy(() -> db.log().submit(new MetaCommand.CreateBucket("late", AT)).join())
                .cause().isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void readsAfterCloseFailCleanly(@TempDir Path other) {
        MetaDatabase closed = MetaDatabase.open(other);
        closed.close();
        assertThatThrownBy(() -> closed.reader().buckets()).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        closed.close(); // idempotent
    }
}
