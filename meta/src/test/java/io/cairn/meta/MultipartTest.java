package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.PartRef;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads through the whole stack: parts keep their chunks, completion copies nothing. */
class MultipartTest extends StoreTest {
    private static final int MIB5 = 5 << 20;


    @BeforeEach
    void openUpload() {
        log.apply(new MetaCommand.CreateBucket("mpu", AT, Versioning.UNVERSIONED)).orThrow(BucketRecord.class);
        log.apply(new MetaCommand.CreateUpload("mpu", "big", "u1", AT, "video/mp4", Map.of("m", "1"),
                Map.of("cache-control", "no-store"), null)).orThrow(UploadRecord.class);
    }

    private PartRecord part(int number, String seed, int size) {
        return log.apply(new MetaCommand.CommitPart("mpu", "big", "u1", number, size, "etag-" + seed, null,
                List.of(written(seed, size, "n1", "n2")), 2, AT + number)).orThrow(PartRecord.class);
    }

    private ApplyResult complete(PartChoice... parts) {
        return log.apply(new MetaCommand.CompleteUpload("mpu", "big", "u1", List.of(parts), false,
                new ContentInfo("whole-2", null, null, null), AT + 50));
    }

    private long refs(String seed) {
        return reader.chunk(chunk(seed)).orElseThrow().refCount();
    }

    private void rejected(ApplyResult result, ErrorCode code) {
        assertThat(result).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(code));
    }

    @Test
    void completingUsesTheNamedPartsAsTheVersionsChunks() {
        part(1, "p1", MIB5);
        part(2, "p2-old", 100);
        part(2, "p2", 200);
        part(3, "p3", 300);
        assertThat(refs("p2-old")).isZero();
        assertThat(reader.parts("u1", 0, 10)).extracting(PartRecord::number).containsExactly(1, 2, 3);
        assertThat(reader.parts("u1", 1, 1)).extracting(PartRecord::number).containsExactly(2);

        ObjectVersion version = complete(new PartChoice(1, "etag-p1"),
                new PartChoice(2, "etag-p2")).orThrow(ObjectVersion.class);
        assertThat(version.size()).isEqualTo(MIB5 + 200);
        assertThat(version.chunks()).extracting(c -> c.id()).containsExactly(chunk("p1"), chunk("p2"));
        assertThat(version.parts()).containsExactly(new PartRef(1, MIB5, 1), new PartRef(2, 200, 1));
        assertThat(version.etag()).isEqualTo("whole-2");
        assertThat(version.contentType()).isEqualTo("video/mp4");
        assertThat(version.headers()).containsEntry("cache-control", "no-store");
        assertThat(version.nullVersion()).isTrue();
        // The version took over the used parts' references; the unused part let go of its own.
        assertThat(refs("p1")).isOne();
        assertThat(refs("p2")).isOne();
        assertThat(refs("p3")).isZero();
        assertThat(reader.upload("mpu", "big", "u1")).isEmpty();
        assertThat(reader.parts("u1", 0, 10)).isEmpty();

        // A retry after a lost reply gets the same version, and makes nothing.
        assertThat(complete(new PartChoice(1, "etag-p1"), new PartChoice(2, "etag-p2"))
                .orThrow(ObjectVersion.class)).isEqualTo(version);
        assertThat(reader.versions("mpu", "big")).hasSize(1);
    }

    @Test
    void aCompletionThatCannotBeHonouredChangesNothing() {
        part(1, "p1", 100);
        part(2, "p2", 200);
        String before = StateDigest.of(db.store().live());
        rejected(complete(new PartChoice(1, "etag-p1"), new PartChoice(2, "etag-p2")),
                ErrorCode.ENTITY_TOO_SMALL);
        rejected(complete(new PartChoice(2, "etag-p2"), new PartChoice(1, "etag-p1")),
                ErrorCode.INVALID_PART_ORDER);
        rejected(complete(new PartChoice(1, "wrong")), ErrorCode.INVALID_PART);
        rejected(complete(new PartChoice(7, "etag-p7")), ErrorCode.INVALID_PART);
        rejected(log.apply(new MetaCommand.CommitPart("mpu", "big", "u1", 10_001, 1, "e", null,
                List.of(written("x", 1, "n1")), 1, AT)), ErrorCode.INVALID_ARGUMENT);
        rejected(log.apply(new MetaCommand.CommitPart("mpu", "big", "nope", 1, 1, "e", null,
                List.of(written("x", 1, "n1")), 1, AT)), ErrorCode.NO_SUCH_UPLOAD);
        assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
        assertThat(reader.upload("mpu", "big", "u1")).isPresent();
        assertThat(refs("p1")).isOne();
    }

    @Test
    void abortingReleasesEveryPart() {
        part(1, "p1", 100);
        part(2, "p2", 200);
        log.apply(new MetaCommand.AbortUpload("mpu", "big", "u1")).orThrow(UploadRecord.class);
        assertThat(refs("p1")).isZero();
        assertThat(refs("p2")).isZero();
        assertThat(reader.upload("mpu", "big", "u1")).isEmpty();
        rejected(log.apply(new MetaCommand.AbortUpload("mpu", "big", "u1")), ErrorCode.NO_SUCH_UPLOAD);
        rejected(complete(new PartChoice(1, "etag-p1")), ErrorCode.NO_SUCH_UPLOAD);
    }

    @Test
    void uploadsListByKeyThenIdAndAgeForCleanup() {
        log.apply(new MetaCommand.CreateUpload("mpu", "a", "u0", AT + 5, null, null, null, null))
                .orThrow(UploadRecord.class);
        log.apply(new MetaCommand.CreateUpload("mpu", "big", "u2", AT + 9, null, null, null, null))
                .orThrow(UploadRecord.class);
        assertThat(reader.uploads("mpu", "", null, null, 10)).extracting(UploadRecord::uploadId)
                .containsExactly("u0", "u1", "u2");
        assertThat(reader.uploads("mpu", "b", null, null, 10)).extracting(UploadRecord::uploadId)
                .containsExactly("u1", "u2");
        assertThat(reader.uploads("mpu", "", "big", "u1", 10)).extracting(UploadRecord::uploadId)
                .containsExactly("u2");
        assertThat(reader.uploads("mpu", "", "a", null, 10)).extracting(UploadRecord::uploadId)
                .containsExactly("u1", "u2");
        assertThat(reader.uploadsStartedBefore(AT + 6, 10)).extracting(UploadRecord::uploadId)
                .containsExactlyInAnyOrder("u0", "u1");
    }

    /** A part's checksum outlives its upload: the version lists it with the part (GetObjectAttributes shows it). */
    @Test
    void theVersionKeepsEachPartsChecksum() {
        Checksum first = new Checksum("CRC32", "zbNUrw==", 0);
        log.apply(new MetaCommand.CommitPart("mpu", "big", "u1", 1, MIB5, "etag-p1", first,
                List.of(written("p1", MIB5, "n1", "n2")), 2, AT + 1)).orThrow(PartRecord.class);
        part(2, "p2", 200);

        ObjectVersion version = complete(new PartChoice(1, "etag-p1"),
                new PartChoice(2, "etag-p2")).orThrow(ObjectVersion.class);
        assertThat(version.parts()).containsExactly(new PartRef(1, MIB5, 1, first), new PartRef(2, 200, 1, null));
    }

    @Test
    void anUploadKeepsItsChecksumType() {
        UploadRecord upload = log.apply(new MetaCommand.CreateUpload("mpu", "crc", "u9", AT, null, null, null,
                "CRC64NVME", null, "FULL_OBJECT", null)).orThrow(UploadRecord.class);
        assertThat(upload.checksumType()).isEqualTo("FULL_OBJECT");
        assertThat(reader.upload("mpu", "crc", "u9").orElseThrow().checksumType()).isEqualTo("FULL_OBJECT");
    }
}
