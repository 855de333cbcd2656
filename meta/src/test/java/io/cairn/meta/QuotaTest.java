package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.commit;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Usage;
import io.cairn.core.model.UserRecord;
import io.cairn.core.model.Versioning;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage kept with every version, and quotas decided when a version is applied. */
class QuotaTest extends StoreTest {
    private <T> T ok(MetaCommand command, Class<T> type) {
        return log.apply(command).orThrow(type);
    }

    private void refused(MetaCommand command, String messagePart) {
        assertThat(log.apply(command)).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(r.message()).contains(messagePart);
        });
    }

    private void bucket(String name, Versioning versioning, String owner) {
        ok(new MetaCommand.CreateBucket(name, AT, versioning, owner), BucketRecord.class);
    }

    private void quota(QuotaScope scope, String name, long bytes, long objects) {
        ok(new MetaCommand.SetQuota(scope, name, new Quota(bytes, objects)), Usage.class);
    }

    @Test
    void usageFollowsEveryVersionAddedReplacedAndRemoved() {
        bucket("plain", Versioning.UNVERSIONED, null);
        ok(commit("plain", "a", written("a1", 100, "n1", "n2")), ObjectVersion.class);
        ok(commit("plain", "b", written("b1", 50, "n1", "n2")), ObjectVersion.class);
        assertThat(reader.bucketUsage("plain")).isEqualTo(new Usage(150, 2));
        ok(commit("plain", "a", written("a2", 10, "n1", "n2")), ObjectVersion.class);
        assertThat(reader.bucketUsage("plain")).as("an unversioned overwrite replaces").isEqualTo(new Usage(60, 2));
        ok(new MetaCommand.DeleteKey("plain", "b", AT), io.cairn.core.model.KeyDeletion.class);
        assertThat(reader.bucketUsage("plain")).isEqualTo(new Usage(10, 1));

        ok(commit("default", "v", written("v1", 7, "n1", "n2")), ObjectVersion.class);
        ok(commit("default", "v", written("v2", 8, "n1", "n2")), ObjectVersion.class);
        assertThat(reader.bucketUsage("default")).as("a versioned bucket keeps both").isEqualTo(new Usage(15, 2));
    }

    @Test
    void aBucketQuotaRefusesTheCommitThatWouldCrossItAndNothingElse() {
        bucket("capped", Versioning.UNVERSIONED, null);
        quota(QuotaScope.BUCKET, "capped", 100, 0);
        ok(commit("capped", "a", written("a1", 60, "n1", "n2")), ObjectVersion.class);
        refused(commit("capped", "b", written("b1", 41, "n1", "n2")), "bucket 'capped'");
        assertThat(reader.bucketUsage("capped")).isEqualTo(new Usage(60, 1));
        ok(commit("capped", "b", written("b1", 40, "n1", "n2")), ObjectVersion.class);
        assertThat(reader.bucketUsage("capped")).isEqualTo(new Usage(100, 2));
        // Replacing with more is refused; with less passes, even at the limit.
        refused(commit("capped", "a", written("a2", 61, "n1", "n2")), "over its quota of 100 B");
        ok(commit("capped", "a", written("a3", 1, "n1", "n2")), ObjectVersion.class);
    }

    @Test
    void twoCommitsInOneLogBatchAreDecidedInLogOrder() {
        bucket("capped", Versioning.UNVERSIONED, null);
        quota(QuotaScope.BUCKET, "capped", 0, 1);
        List<ApplyResult> results = log.apply(List.of(commit("capped", "first", written("f", 1, "n1", "n2")),
                commit("capped", "second", written("s", 1, "n1", "n2"))));
        assertThat(results.get(0)).isInstanceOf(ApplyResult.Ok.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(ApplyResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
        assertThat(reader.bucketUsage("capped")).isEqualTo(new Usage(1, 1));
    }

    @Test
    void aUsersQuotaCountsTheBucketsTheyCreated() {
        ok(new MetaCommand.CreateUser("alice", AT, List.of("readwrite")), UserRecord.class);
        bucket("alice-1", Versioning.UNVERSIONED, "alice");
        bucket("alice-2", Versioning.UNVERSIONED, "alice");
        bucket("shared", Versioning.UNVERSIONED, null);
        quota(QuotaScope.USER, "alice", 0, 2);
        ok(commit("alice-1", "a", written("a", 5, "n1", "n2")), ObjectVersion.class);
        ok(commit("alice-2", "b", written("b", 5, "n1", "n2")), ObjectVersion.class);
        ok(commit("shared", "c", written("c", 5, "n1", "n2")), ObjectVersion.class);
        refused(commit("alice-2", "d", written("d", 5, "n1", "n2")), "user 'alice'");
        assertThat(reader.quotas()).singleElement().satisfies(q -> {
            assertThat(q.scope()).isEqualTo(QuotaScope.USER);
            assertThat(q.usage()).isEqualTo(new Usage(10, 2));
        });
    }

    @Test
    void settingAQuotaNeedsItsBucketOrUserAndUnlimitedRemovesIt() {
        assertThat(log.apply(new MetaCommand.SetQuota(QuotaScope.BUCKET, "nope", new Quota(1, 0))))
                .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.NO_SUCH_BUCKET));
        assertThat(log.apply(new MetaCommand.SetQuota(QuotaScope.USER, "nobody", new Quota(1, 0))))
                .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(log.apply(new MetaCommand.CreateBucket("owned", AT, null, "nobody")))
                .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_FOUND));
        quota(QuotaScope.BUCKET, "default", 10, 0);
        assertThat(reader.quotas()).hasSize(1);
        quota(QuotaScope.BUCKET, "default", 0, 0);
        assertThat(reader.quotas()).isEmpty();
    }

    @Test
    void aDeletedBucketTakesItsQuotaAndOwnerWithIt() {
        ok(new MetaCommand.CreateUser("bob", AT, List.of()), UserRecord.class);
        bucket("temp", Versioning.UNVERSIONED, "bob");
        quota(QuotaScope.BUCKET, "temp", 1, 0);
        ok(new MetaCommand.DeleteBucket("temp"), BucketRecord.class);
        bucket("temp", Versioning.UNVERSIONED, null);
        assertThat(reader.quotas()).isEmpty();
        ok(commit("temp", "big", written("big", 1000, "n1", "n2")), ObjectVersion.class);
    }
}
