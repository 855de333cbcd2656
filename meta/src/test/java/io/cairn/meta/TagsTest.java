package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.commit;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tags of buckets and versions: given with a write or set after it, kept per version, decided at apply time. */
class TagsTest extends StoreTest {
    private static final Map<String, String> COLOURS = Map.of("colour", "red", "shade", "dark");

    @BeforeEach
    void bucket() {
        log.apply(new MetaCommand.CreateBucket("photos", AT, Versioning.ENABLED)).orThrow(BucketRecord.class);
    }

    private ObjectVersion put(String key, String seed, Map<String, String> tags) {
        MetaCommand.CommitVersion c = commit("photos", key, written(seed, 3, "n1", "n2"));
        return log.apply(new MetaCommand.CommitVersion(c.bucket(), c.key(), c.size(), c.chunkSize(), c.replication(),
                c.contentType(), c.metadata(), c.chunks(), c.ifNoneMatch(), c.at(), c.requestId(),
                new ContentInfo("etag-" + seed, null, Map.of(), null, null, tags))).orThrow(ObjectVersion.class);
    }

    private Map<String, String> tags(String key, long version) {
        return reader.version("photos", key, version).orElseThrow().tags();
    }

    @Test
    void eachVersionHasTheTagsItsWriterGaveUntilTheyAreReplaced() {
        ObjectVersion first = put("k", "one", COLOURS);
        ObjectVersion second = put("k", "two", null);
        assertThat(tags("k", first.version())).isEqualTo(COLOURS);
        assertThat(tags("k", first.version()).keySet()).as("sorted by key").containsExactly("colour", "shade");
        assertThat(tags("k", second.version())).isEmpty();

        log.apply(new MetaCommand.SetTags("photos", "k", first.version(), Map.of("size", "big"))).orThrow(Map.class);
        assertThat(tags("k", first.version())).as("the whole set replaced").isEqualTo(Map.of("size", "big"));
        assertThat(tags("k", second.version())).isEmpty();

        log.apply(new MetaCommand.SetTags("photos", "k", null, COLOURS)).orThrow(Map.class);
        ObjectVersion latest = reader.latest("photos", "k").orElseThrow();
        assertThat(latest.tags()).isEqualTo(COLOURS);
        assertThat(latest.etag()).as("nothing else of the version changed").isEqualTo("etag-two");

        log.apply(new MetaCommand.SetTags("photos", "k", null, Map.of())).orThrow(Map.class);
        assertThat(reader.latest("photos", "k").orElseThrow().tags()).isEmpty();
    }

    @Test
    void noTagsGoOnADeleteMarkerADeletedVersionOrAMissingKey() {
        ObjectVersion first = put("k", "one", COLOURS);
        ObjectVersion second = put("k", "two", null);
        log.apply(new MetaCommand.DeleteObject("photos", "k", second.version())).orThrow(List.class);
        rejected(new MetaCommand.SetTags("photos", "k", second.version(), COLOURS), ErrorCode.NO_SUCH_VERSION,
                "no version " + second.version());
        log.apply(new MetaCommand.DeleteKey("photos", "k", AT + 5)).orThrow(KeyDeletion.class);
        rejected(new MetaCommand.SetTags("photos", "k", null, COLOURS), ErrorCode.NOT_FOUND, "no version of 'k'");
        rejected(new MetaCommand.SetTags("photos", "absent", null, COLOURS), ErrorCode.NOT_FOUND, "absent");
        rejected(new MetaCommand.SetTags("missing", "k", null, COLOURS), ErrorCode.NO_SUCH_BUCKET, "missing");
        rejected(new MetaCommand.SetTags("missing", null, null, COLOURS), ErrorCode.NO_SUCH_BUCKET, "missing");

        log.apply(new MetaCommand.SetTags("photos", "k", first.version(), Map.of())).orThrow(Map.class);
        assertThat(tags("k", first.version())).as("a version under the marker keeps its own").isEmpty();
    }

    @Test
    void aBucketKeepsItsTagsUntilTheyAreReplacedOrRemoved() {
        assertThat(reader.bucket("photos").orElseThrow().tags()).isEmpty();
        log.apply(new MetaCommand.SetTags("photos", null, null, COLOURS)).orThrow(Map.class);
        assertThat(reader.bucket("photos").orElseThrow().tags()).isEqualTo(COLOURS);
        log.apply(new MetaCommand.SetVersioning("photos", Versioning.SUSPENDED)).orThrow(BucketRecord.class);
        assertThat(reader.bucket("photos").orElseThrow().tags()).as("kept by other settings").isEqualTo(COLOURS);
        log.apply(new MetaCommand.SetTags("photos", null, null, Map.of())).orThrow(Map.class);
        assertThat(reader.bucket("photos").orElseThrow().tags()).isEmpty();
    }

    @Test
    void aMultipartUploadGivesItsObjectTheTagsItBeganWith() {
        log.apply(new MetaCommand.CreateUpload("photos", "big", "u1", AT, null, Map.of(), Map.of(), null, null,
                null, COLOURS)).orThrow(UploadRecord.class);
        assertThat(reader.upload("photos", "big", "u1").orElseThrow().tags()).isEqualTo(COLOURS);
        log.apply(new MetaCommand.CommitPart("photos", "big", "u1", 1, 3, "e1", null,
                List.of(written("p1", 3, "n1", "n2")), 2, AT + 1)).orThrow(PartRecord.class);
        ObjectVersion done = log.apply(new MetaCommand.CompleteUpload("photos", "big", "u1",
                List.of(new PartChoice(1, "e1")), false, new ContentInfo("whole-1", null, null, null), AT + 2))
                .orThrow(ObjectVersion.class);
        assertThat(done.tags()).isEqualTo(COLOURS);
        assertThat(tags("big", done.version())).isEqualTo(COLOURS);
    }
}
