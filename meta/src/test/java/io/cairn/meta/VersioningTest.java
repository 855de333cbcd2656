package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.commit;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S3's versioning states, delete markers, "null" versions and conditional writes, through the whole stack. */
class VersioningTest extends StoreTest {

    private void bucket(String name, Versioning versioning) {
        log.apply(new MetaCommand.CreateBucket(name, AT, versioning)).orThrow(BucketRecord.class);
    }

    private ObjectVersion put(String bucket, String key, String seed) {
        return log.apply(commit(bucket, key, written(seed, 3, "n1", "n2"))).orThrow(ObjectVersion.class);
    }

    private KeyDeletion deleteKey(String bucket, String key) {
        return log.apply(new MetaCommand.DeleteKey(bucket, key, AT + 9)).orThrow(KeyDeletion.class);
    }

    private long refs(String seed) {
        return reader.chunk(chunk(seed)).orElseThrow().refCount();
    }

    private List<Long> versionNumbers(String bucket, String key) {
        return reader.versions(bucket, key).stream().map(ObjectVersion::version).toList();
    }

    @Test
    void anUnversionedBucketKeepsOneNullVersionPerKey() {
        bucket("plain", Versioning.UNVERSIONED);
        put("plain", "k", "one");
        ObjectVersion second = put("plain", "k", "two");
        assertThat(second.nullVersion()).isTrue();
        assertThat(versionNumbers("plain", "k")).containsExactly(2L);
        assertThat(refs("one")).isZero();
        assertThat(refs("two")).isOne();
        assertThat(reader.head("plain", "k").orElseThrow().nullVersion()).isEqualTo(2);

        KeyDeletion deletion = deleteKey("plain", "k");
        assertThat(deletion.marker()).isNull();
        assertThat(deletion.removed()).containsExactly(2L);
        assertThat(reader.head("plain", "k")).isEmpty();
        assertThat(refs("two")).isZero();
        assertThat(deleteKey("plain", "absent")).isEqualTo(new KeyDeletion(null, List.of()));
    }

    @Test
    void aVersioningBucketHidesADeletedKeyBehindAMarker() {
        bucket("vers", Versioning.ENABLED);
        put("vers", "k", "one");
        KeyDeletion deletion = deleteKey("vers", "k");
        assertThat(deletion.marker().deleteMarker()).isTrue();
        assertThat(deletion.marker().version()).isEqualTo(2);
        assertThat(deletion.removed()).isEmpty();
        ObjectHead head = reader.head("vers", "k").orElseThrow();
        assertThat(head.deleteMarker()).isTrue();
        assertThat(head.versionCount()).isEqualTo(2);
        assertThat(reader.list("vers", "", null, null, 10).objects()).isEmpty();
        assertThat(refs("one")).isOne();

        // A conditional create sees no current version behind the marker.
        ObjectVersion again = log.apply(commit("vers", "k", true, written("three", 3, "n1")))
                .orThrow(ObjectVersion.class);
        assertThat(again.version()).isEqualTo(3);
        assertThat(reader.list("vers", "", null, null, 10).objects()).extracting(ObjectHead::key)
                .containsExactly("k");

        // Removing the marker itself for good brings the version below it back.
        log.apply(new MetaCommand.DeleteObject("vers", "k", 3L)).orThrow(List.class);
        assertThat(reader.head("vers", "k").orElseThrow().deleteMarker()).isTrue();
        log.apply(new MetaCommand.DeleteObject("vers", "k", 2L)).orThrow(List.class);
        ObjectHead restored = reader.head("vers", "k").orElseThrow();
        assertThat(restored.deleteMarker()).isFalse();
        assertThat(restored.latestVersion()).isEqualTo(1);
    }

    @Test
    void aCommonPrefixWhoseKeysAreAllDeletedIsNotListed() {
        bucket("vers", Versioning.ENABLED);
        put("vers", "gone/a", "one");
        put("vers", "gone/b", "two");
        put("vers", "kept/a", "three");
        put("vers", "kept/b", "four");
        deleteKey("vers", "gone/a");
        deleteKey("vers", "gone/b");
        deleteKey("vers", "kept/a");
        assertThat(reader.list("vers", "", "/", null, 10).prefixes()).containsExactly("kept/");
        assertThat(reader.list("vers", "", "/", null, 1)).satisfies(page -> {
            assertThat(page.prefixes()).containsExactly("kept/");
            assertThat(page.next()).isNull();
        });
    }

    @Test
    void aSuspendedBucketReplacesOnlyItsNullVersion() {
        bucket("susp", Versioning.ENABLED);
        put("susp", "k", "one");
        log.apply(new MetaCommand.SetVersioning("susp", Versioning.SUSPENDED)).orThrow(BucketRecord.class);
        put("susp", "k", "two");
        put("susp", "k", "three");
        assertThat(versionNumbers("susp", "k")).containsExactly(1L, 3L);
        assertThat(refs("two")).isZero();

        KeyDeletion deletion = deleteKey("susp", "k");
        assertThat(deletion.removed()).containsExactly(3L);
        assertThat(deletion.marker().nullVersion()).isTrue();
        assertThat(versionNumbers("susp", "k")).containsExactly(1L, 4L);
        ObjectHead head = reader.head("susp", "k").orElseThrow();
        assertThat(head.nullVersion()).isEqualTo(4);
        assertThat(head.deleteMarker()).isTrue();
    }

    @Test
    void versionNumbersAreNotReusedWhenReplacingTheOnlyVersionEmptiesTheKey() {
        bucket("susp", Versioning.SUSPENDED);
        put("susp", "k", "one");
        assertThat(deleteKey("susp", "k").marker().version()).isEqualTo(2);
        assertThat(put("susp", "k", "two").version()).isEqualTo(3);
    }

    @Test
    void versioningCanBeSuspendedButNotTurnedOff() {
        bucket("vers", Versioning.ENABLED);
        assertThat(log.apply(new MetaCommand.SetVersioning("vers", Versioning.UNVERSIONED)))
                .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        bucket("plain", Versioning.UNVERSIONED);
        assertThat(log.apply(new MetaCommand.SetVersioning("plain", Versioning.ENABLED)).orThrow(BucketRecord.class)
                .versioning()).isEqualTo(Versioning.ENABLED);
        assertThat(reader.bucket("plain").orElseThrow().versioning()).isEqualTo(Versioning.ENABLED);
    }

    @Test
    void ifMatchOverwritesOnlyTheVersionWithThatEtag() {
        bucket("vers", Versioning.ENABLED);
        log.apply(withContent(commit("vers", "k", written("one", 3, "n1")), "etag-1", null))
                .orThrow(ObjectVersion.class);
        assertThat(log.apply(withContent(commit("vers", "k", written("two", 3, "n1")), "etag-2", "other")))
                .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
        assertThat(log.apply(withContent(commit("vers", "absent", written("two", 3, "n1")), "etag-2", "etag-1")))
                .isInstanceOfSatisfying(ApplyResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_FOUND));
        ObjectVersion second = log.apply(withContent(commit("vers", "k", written("two", 3, "n1")), "etag-2", "etag-1"))
                .orThrow(ObjectVersion.class);
        assertThat(second.etag()).isEqualTo("etag-2");
        assertThat(reader.head("vers", "k").orElseThrow().etag()).isEqualTo("etag-2");
    }

    private static MetaCommand.CommitVersion withContent(MetaCommand.CommitVersion c, String etag, String ifMatch) {
        return new MetaCommand.CommitVersion(c.bucket(), c.key(), c.size(), c.chunkSize(), c.replication(),
                c.contentType(), c.metadata(), c.chunks(), c.ifNoneMatch(), c.at(), c.requestId(),
                new ContentInfo(etag, null, Map.of(), ifMatch));
    }
}
