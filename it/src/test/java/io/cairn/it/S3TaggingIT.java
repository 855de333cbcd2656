package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * S3 object and bucket tagging through the AWS SDK: tags given with a PUT, a copy and a multipart upload, read, replaced
 * and removed on one version, counted on GET and HEAD, S3's limits refused with nothing changed, and bucket policies
 * that decide by the tags an object has or a write gives.
 */
class S3TaggingIT extends SharedS3Test {
    private static Map<String, String> tags(String bucket, String key, String versionId) {
        return asMap(s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet());
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** @param code the S3 error code, or null for a HEAD (whose answer has no body to name one) */
    private static void refused(Executable call, int status, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }

    private static String tagCountOnHead(String bucket, String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key)).sdkHttpResponse()
                .firstMatchingHeader("x-amz-tagging-count").orElse(null);
    }

    @Test
    void tagsGivenWithAPutAreReadBackSortedAndCountedOnGetAndHead() {
        s3.createBucket(b -> b.bucket("tag-put"));
        s3.putObject(b -> b.bucket("tag-put").key("k").tagging("foo=bar&bar&a%20b=c%2Fd"),
                RequestBody.fromString("x"));
        assertThat(tags("tag-put", "k", null)).containsExactly(Map.entry("a b", "c/d"), Map.entry("bar", ""),
                Map.entry("foo", "bar"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tag-put").key("k")).response().tagCount()).isEqualTo(3);
        assertThat(tagCountOnHead("tag-put", "k")).isEqualTo("3");

        s3.putObject(b -> b.bucket("tag-put").key("plain"), RequestBody.fromString("x"));
        assertThat(tags("tag-put", "plain", null)).isEmpty();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tag-put").key("plain")).response().tagCount()).isNull();
        assertThat(tagCountOnHead("tag-put", "plain")).isNull();
    }

    @Test
    void aCopyKeepsTheSourcesTagsUnlessItReplacesThem() {
        s3.createBucket(b -> b.bucket("tag-copy"));
        s3.putObject(b -> b.bucket("tag-copy").key("src").tagging("team=data"), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket("tag-copy").sourceKey("src").destinationBucket("tag-copy")
                .destinationKey("kept").tagging("ignored=yes"));
        assertThat(tags("tag-copy", "kept", null)).isEqualTo(Map.of("team", "data"));
        s3.copyObject(b -> b.sourceBucket("tag-copy").sourceKey("src").destinationBucket("tag-copy")
                .destinationKey("replaced").taggingDirective(TaggingDirective.REPLACE).tagging("team=ops&tier=1"));
        assertThat(tags("tag-copy", "replaced", null)).isEqualTo(Map.of("team", "ops", "tier", "1"));
        s3.copyObject(b -> b.sourceBucket("tag-copy").sourceKey("src").destinationBucket("tag-copy")
                .destinationKey("cleared").taggingDirective(TaggingDirective.REPLACE));
        assertThat(tags("tag-copy", "cleared", null)).isEmpty();

        refused(() -> s3.copyObject(b -> b.sourceBucket("tag-copy").sourceKey("src").destinationBucket("tag-copy")
                .destinationKey("bad").overrideConfiguration(o -> o.putHeader("x-amz-tagging-directive", "MERGE"))),
                400, "InvalidArgument");
        refused(() -> s3.headObject(b -> b.bucket("tag-copy").key("bad")), 404, null);
    }

    @Test
    void aMultipartUploadGivesItsObjectTheTagsItWasCreatedWith() {
        s3.createBucket(b -> b.bucket("tag-mpu"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("tag-mpu").key("big").tagging("Hello=World&foo=bar"))
                .uploadId();
        String etag = s3.uploadPart(b -> b.bucket("tag-mpu").key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket("tag-mpu").key("big").uploadId(uploadId).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(tags("tag-mpu", "big", null)).containsExactly(Map.entry("Hello", "World"), Map.entry("foo", "bar"));

        refused(() -> s3.createMultipartUpload(b -> b.bucket("tag-mpu").key("bad").tagging("a=1&a=2")), 400,
                "InvalidArgument");
        assertThat(s3.listMultipartUploads(b -> b.bucket("tag-mpu")).uploads()).isEmpty();
    }

    @Test
    void eachVersionHasItsOwnTagsReplacedAndRemovedWhole() {
        s3.createBucket(b -> b.bucket("tag-versions"));
        s3.putBucketVersioning(b -> b.bucket("tag-versions").versioningConfiguration(v -> v
                .status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket("tag-versions").key("k").tagging("v=1"),
                RequestBody.fromString("one")).versionId();
        String second = s3.putObject(b -> b.bucket("tag-versions").key("k"), RequestBody.fromString("two"))
                .versionId();
        assertThat(tags("tag-versions", "k", first)).isEqualTo(Map.of("v", "1"));
        assertThat(tags("tag-versions", "k", null)).isEmpty();

        PutObjectTaggingResponse put = s3.putObjectTagging(b -> b.bucket("tag-versions").key("k").versionId(first)
                .tagging(t -> t.tagSet(tagList(Map.of("colour", "red", "size", "big")))));
        assertThat(put.versionId()).isEqualTo(first);
        assertThat(tags("tag-versions", "k", first)).isEqualTo(Map.of("colour", "red", "size", "big"));
        assertThat(tags("tag-versions", "k", second)).isEmpty();
        assertThat(s3.getObjectTagging(b -> b.bucket("tag-versions").key("k").versionId(first)).versionId())
                .isEqualTo(first);

        s3.putObjectTagging(b -> b.bucket("tag-versions").key("k")
                .tagging(t -> t.tagSet(tagList(Map.of("latest", "yes")))));
        assertThat(tags("tag-versions", "k", second)).isEqualTo(Map.of("latest", "yes"));
        s3.putObjectTagging(b -> b.bucket("tag-versions").key("k").versionId(first)
                .tagging(t -> t.tagSet(tagList(Map.of("colour", "blue")))));
        assertThat(tags("tag-versions", "k", first)).as("a put replaces the whole set").isEqualTo(Map.of("colour",
                "blue"));

        assertThat(s3.deleteObjectTagging(b -> b.bucket("tag-versions").key("k").versionId(first)).versionId())
                .isEqualTo(first);
        assertThat(tags("tag-versions", "k", first)).isEmpty();
        assertThat(tags("tag-versions", "k", second)).isEqualTo(Map.of("latest", "yes"));

        s3.deleteObject(b -> b.bucket("tag-versions").key("k"));
        refused(() -> tags("tag-versions", "k", null), 404, "NoSuchKey");
        refused(() -> s3.putObjectTagging(b -> b.bucket("tag-versions").key("k")
                .tagging(t -> t.tagSet(tagList(Map.of("a", "b"))))), 404, "NoSuchKey");
        s3.deleteObject(b -> b.bucket("tag-versions").key("k").versionId(second));
        refused(() -> tags("tag-versions", "k", second), 404, "NoSuchVersion");
        assertThat(tags("tag-versions", "k", first)).isEmpty();
    }

    @Test
    void aTagSetBeyondS3sLimitsIsRefusedAndChangesNothing() {
        s3.createBucket(b -> b.bucket("tag-limits"));
        s3.putObject(b -> b.bucket("tag-limits").key("k").tagging("keep=me"), RequestBody.fromString("x"));
        Map<String, String> eleven = new LinkedHashMap<>();
        IntStream.range(0, 11).forEach(i -> eleven.put("k" + i, "v" + i));
        for (List<Tag> bad : List.of(tagList(eleven), tagList(Map.of("k".repeat(129), "v")),
                tagList(Map.of("k", "v".repeat(257))), tagList(Map.of("aws:reserved", "v")),
                List.of(Tag.builder().key("twice").value("1").build(), Tag.builder().key("twice").value("2").build()))) {
            refused(() -> s3.putObjectTagging(b -> b.bucket("tag-limits").key("k").tagging(t -> t.tagSet(bad))), 400,
                    "InvalidTag");
            assertThat(tags("tag-limits", "k", null)).isEqualTo(Map.of("keep", "me"));
        }
        Map<String, String> ten = new LinkedHashMap<>(eleven);
        ten.remove("k10");
        s3.putObjectTagging(b -> b.bucket("tag-limits").key("k").tagging(t -> t.tagSet(tagList(ten))));
        assertThat(tags("tag-limits", "k", null)).hasSize(10);

        refused(() -> s3.putObject(b -> b.bucket("tag-limits").key("new").tagging("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8"
                + "&i=9&j=10&k=11"), RequestBody.fromString("x")), 400, "InvalidTag");
        refused(() -> s3.putObject(b -> b.bucket("tag-limits").key("new").tagging("a=1&a=2"),
                RequestBody.fromString("x")), 400, "InvalidArgument");
        refused(() -> s3.headObject(b -> b.bucket("tag-limits").key("new")), 404, null);
    }

    @Test
    void aBucketHasTagsOnlyOnceTheyAreSet() {
        s3.createBucket(b -> b.bucket("tag-bucket"));
        refused(() -> s3.getBucketTagging(b -> b.bucket("tag-bucket")), 404, "NoSuchTagSet");
        s3.putBucketTagging(b -> b.bucket("tag-bucket").tagging(t -> t.tagSet(tagList(Map.of("team", "data",
                "cost", "1")))));
        assertThat(asMap(s3.getBucketTagging(b -> b.bucket("tag-bucket")).tagSet()))
                .containsExactly(Map.entry("cost", "1"), Map.entry("team", "data"));

        Map<String, String> fiftyOne = new LinkedHashMap<>();
        IntStream.range(0, 51).forEach(i -> fiftyOne.put("k" + i, "v"));
        refused(() -> s3.putBucketTagging(b -> b.bucket("tag-bucket").tagging(t -> t.tagSet(tagList(fiftyOne)))),
                400, "InvalidTag");
        assertThat(s3.getBucketTagging(b -> b.bucket("tag-bucket")).tagSet()).hasSize(2);
        fiftyOne.remove("k50");
        s3.putBucketTagging(b -> b.bucket("tag-bucket").tagging(t -> t.tagSet(tagList(fiftyOne))));
        assertThat(s3.getBucketTagging(b -> b.bucket("tag-bucket")).tagSet()).hasSize(50);

        s3.deleteBucketTagging(b -> b.bucket("tag-bucket"));
        refused(() -> s3.getBucketTagging(b -> b.bucket("tag-bucket")), 404, "NoSuchTagSet");
        refused(() -> s3.getBucketTagging(b -> b.bucket("tag-no-such-bucket")), 404, "NoSuchBucket");
    }

    @Test
    void aBucketPolicyDecidesByTheTagsAnObjectHasOrAWriteGives() {
        try (S3Client tagger = S3Clients.tenant(cluster, "tagger")) {
            s3.createBucket(b -> b.bucket("tag-policy"));
            s3.putBucketPolicy(b -> b.bucket("tag-policy").policy(("{'Version':'2012-10-17','Statement':["
                    + "{'Effect':'Allow','Principal':{'AWS':['tagger']},'Action':'s3:GetObject',"
                    + "'Resource':'arn:aws:s3:::tag-policy/*',"
                    + "'Condition':{'StringEquals':{'s3:ExistingObjectTag/security':'public'}}},"
                    + "{'Effect':'Allow','Principal':{'AWS':['tagger']},'Action':'s3:PutObject',"
                    + "'Resource':'arn:aws:s3:::tag-policy/*',"
                    + "'Condition':{'StringEquals':{'s3:RequestObjectTag/security':'public'}}}]}")
                    .replace('\'', '"')));
            s3.putObject(b -> b.bucket("tag-policy").key("public").tagging("security=public"),
                    RequestBody.fromString("open"));
            s3.putObject(b -> b.bucket("tag-policy").key("private").tagging("security=private"),
                    RequestBody.fromString("closed"));
            assertThat(tagger.getObjectAsBytes(b -> b.bucket("tag-policy").key("public")).asUtf8String())
                    .isEqualTo("open");
            refused(() -> tagger.getObject(b -> b.bucket("tag-policy").key("private")), 403, "AccessDenied");

            s3.putObjectTagging(b -> b.bucket("tag-policy").key("private")
                    .tagging(t -> t.tagSet(tagList(Map.of("security", "public")))));
            assertThat(tagger.getObjectAsBytes(b -> b.bucket("tag-policy").key("private")).asUtf8String())
                    .as("decided by the tags the object has now").isEqualTo("closed");

            tagger.putObject(b -> b.bucket("tag-policy").key("theirs").tagging("security=public"),
                    RequestBody.fromString("mine"));
            refused(() -> tagger.putObject(b -> b.bucket("tag-policy").key("untagged"), RequestBody.fromString("x")),
                    403, "AccessDenied");
            refused(() -> tagger.putObject(b -> b.bucket("tag-policy").key("untagged").tagging("security=other"),
                    RequestBody.fromString("x")), 403, "AccessDenied");
            refused(() -> s3.headObject(b -> b.bucket("tag-policy").key("untagged")), 404, null);
        }
    }
}
