package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/** Multipart uploads, versions listing, the async client, the transfer manager and presigned URLs. */
class S3MultipartIT extends SharedClusterTest {
    private static final int MIB = 1 << 20;
    static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Clients.sync(cluster.s3Url(), true, true);
        s3.createBucket(b -> b.bucket("mpu"));
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    private static long chunks() {
        return cluster.controller().controller().service().status().total_chunks();
    }

    private static CompletedPart part(String uploadId, String key, int number, byte[] content) {
        UploadPartResponse response = s3.uploadPart(b -> b.bucket("mpu").key(key).uploadId(uploadId)
                .partNumber(number).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(content));
        return CompletedPart.builder().partNumber(number).eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32()).build();
    }

    @Test
    void completingAnUploadMakesTheObjectFromItsPartsWithoutCopying() {
        byte[] first = Data.random(5 * MIB, 1);
        byte[] second = Data.random(5 * MIB + 3, 2);
        byte[] last = Data.random(MIB / 2, 3);
        String uploadId = s3.createMultipartUpload(b -> b.bucket("mpu").key("video.mp4").contentType("video/mp4")
                .metadata(Map.of("camera", "a")).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        List<CompletedPart> parts = new ArrayList<>(List.of(part(uploadId, "video.mp4", 1, first),
                part(uploadId, "video.mp4", 2, Data.random(MIB, 9)), part(uploadId, "video.mp4", 3, last)));
        parts.set(1, part(uploadId, "video.mp4", 2, second)); // a part uploaded again replaces the first try
        assertThat(s3.listParts(b -> b.bucket("mpu").key("video.mp4").uploadId(uploadId)).parts())
                .extracting(p -> p.partNumber()).containsExactly(1, 2, 3);
        assertThat(s3.listMultipartUploads(b -> b.bucket("mpu")).uploads()).extracting(u -> u.uploadId())
                .contains(uploadId);

        long chunksBefore = chunks();
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("mpu").key("video.mp4")
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        assertThat(done.eTag()).endsWith("-3\"");
        assertThat(done.checksumCRC32()).endsWith("-3");
        assertThat(chunks()).isLessThanOrEqualTo(chunksBefore);

        byte[] whole = new byte[first.length + second.length + last.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        System.arraycopy(last, 0, whole, first.length + second.length, last.length);
        var got = s3.getObjectAsBytes(b -> b.bucket("mpu").key("video.mp4"));
        assertThat(got.asByteArray()).isEqualTo(whole);
        assertThat(got.response().eTag()).isEqualTo(done.eTag());
        assertThat(got.response().metadata()).containsEntry("camera", "a");
        assertThat(got.response().contentType()).isEqualTo("video/mp4");
        assertThat(got.response().partsCount()).isEqualTo(3);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu").key("video.mp4").partNumber(2)).asByteArray())
                .isEqualTo(second);
        assertThat(s3.listMultipartUploads(b -> b.bucket("mpu")).uploads()).extracting(u -> u.uploadId())
                .doesNotContain(uploadId);
    }

    @Test
    void aCompletionWithWrongPartsIsRefusedAndAnAbortedUploadIsGone() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("mpu").key("refused")).uploadId();
        CompletedPart small = part(uploadId, "refused", 1, Data.random(1000, 4));
        CompletedPart next = part(uploadId, "refused", 2, Data.random(1000, 5));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("mpu").key("refused").uploadId(uploadId)
                .multipartUpload(m -> m.parts(small, next)))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall"));
        CompletedPart wrong = CompletedPart.builder().partNumber(1).eTag("\"0123456789abcdef0123456789abcdef\"").build();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("mpu").key("refused").uploadId(uploadId)
                .multipartUpload(m -> m.parts(wrong)))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
        s3.abortMultipartUpload(b -> b.bucket("mpu").key("refused").uploadId(uploadId));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket("mpu").key("refused").uploadId(uploadId)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("mpu").key("refused").uploadId(uploadId).partNumber(3),
                RequestBody.fromString("late"))).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void uploadsLeftOpenAreSweptAway() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("mpu").key("abandoned")).uploadId();
        part(uploadId, "abandoned", 1, Data.random(1000, 6));
        assertThat(cluster.controller().controller().service().abortStaleUploads(Duration.ZERO)).isPositive();
        assertThat(s3.listMultipartUploads(b -> b.bucket("mpu")).uploads()).extracting(u -> u.uploadId())
                .doesNotContain(uploadId);
    }

    @Test
    void aPartCanBeCopiedFromARangeOfAnObject() {
        byte[] source = Data.random(6 * MIB, 7);
        s3.putObject(b -> b.bucket("mpu").key("source"), RequestBody.fromBytes(source));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("mpu").key("assembled")).uploadId();
        String etag1 = s3.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("source").destinationBucket("mpu")
                .destinationKey("assembled").uploadId(uploadId).partNumber(1)).copyPartResult().eTag();
        String etag2 = s3.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("source").destinationBucket("mpu")
                .destinationKey("assembled").uploadId(uploadId).partNumber(2).copySourceRange("bytes=10-109"))
                .copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket("mpu").key("assembled").uploadId(uploadId).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));
        byte[] expected = new byte[source.length + 100];
        System.arraycopy(source, 0, expected, 0, source.length);
        System.arraycopy(source, 10, expected, source.length, 100);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu").key("assembled")).asByteArray()).isEqualTo(expected);
    }

    @Test
    void versionsListNewestFirstAcrossPages() {
        s3.createBucket(b -> b.bucket("history"));
        s3.putBucketVersioning(b -> b.bucket("history").versioningConfiguration(c -> c
                .status(BucketVersioningStatus.ENABLED)));
        for (String key : List.of("a", "b")) {
            for (int v = 1; v <= 3; v++) {
                String body = key + v;
                s3.putObject(b -> b.bucket("history").key(key), RequestBody.fromString(body));
            }
        }
        s3.deleteObject(b -> b.bucket("history").key("b"));
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        do {
            String k = keyMarker;
            String v = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket("history").maxKeys(2).keyMarker(k)
                    .versionIdMarker(v));
            page.versions().forEach(o -> seen.add(o.key() + "@" + o.versionId() + (o.isLatest() ? "*" : "")));
            page.deleteMarkers().forEach(d -> seen.add(d.key() + "@" + d.versionId() + "(marker)"
                    + (d.isLatest() ? "*" : "")));
            keyMarker = page.isTruncated() ? page.nextKeyMarker() : null;
            versionMarker = page.isTruncated() ? page.nextVersionIdMarker() : null;
        } while (keyMarker != null);
        assertThat(seen).containsExactlyInAnyOrder("a@3*", "a@2", "a@1", "b@4(marker)*", "b@3", "b@2", "b@1");
        assertThat(s3.listObjectVersions(b -> b.bucket("history")).versions()).extracting(ObjectVersion::versionId)
                .containsExactly("3", "2", "1", "3", "2", "1");
        s3.putObject(b -> b.bucket("history").key("dir/x"), RequestBody.fromString("x"));
        ListObjectVersionsResponse grouped = s3.listObjectVersions(b -> b.bucket("history").delimiter("/"));
        assertThat(grouped.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
        assertThat(grouped.versions()).extracting(ObjectVersion::key).doesNotContain("dir/x");
    }

    @Test
    void theAsyncClientAndTheTransferManagerMoveA200MiBFile(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        try (S3AsyncClient async = S3Clients.async(cluster.s3Url(), false, true)) {
            async.putObject(b -> b.bucket("mpu").key("async.txt"), AsyncRequestBody.fromString("async")).join();
            assertThat(async.getObject(b -> b.bucket("mpu").key("async.txt"), AsyncResponseTransformer.toBytes())
                    .join().asUtf8String()).isEqualTo("async");

            Path file = tmp.resolve("big.bin");
            try (var in = Data.stream(200L * MIB, 11)) {
                Files.copy(in, file);
            }
            try (S3TransferManager transfers = S3TransferManager.builder().s3Client(async).build()) {
                transfers.uploadFile(u -> u.source(file).putObjectRequest(p -> p.bucket("mpu").key("big.bin")))
                        .completionFuture().join();
                Path back = tmp.resolve("back.bin");
                transfers.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket("mpu").key("big.bin")))
                        .completionFuture().join();
                assertThat(Data.sha256(Files.newInputStream(back))).isEqualTo(Data.sha256(200L * MIB, 11));
            }
            assertThat(s3.headObject(b -> b.bucket("mpu").key("big.bin")).eTag()).contains("-");
        }
    }

    @Test
    void presignedUrlsWorkWithAPlainHttpClient() throws Exception {
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        try (S3Presigner presigner = S3Clients.presigner(cluster.s3Url())) {
            var put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("mpu").key("shared.txt")));
            var putResponse = plain.send(java.net.http.HttpRequest.newBuilder(put.url().toURI())
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("shared")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(putResponse.statusCode()).isEqualTo(200);
            var get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("mpu").key("shared.txt")));
            var getResponse = plain.send(java.net.http.HttpRequest.newBuilder(get.url().toURI()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(getResponse.statusCode()).isEqualTo(200);
            assertThat(getResponse.body()).isEqualTo("shared");
            // The signature covers the URL: another key is refused.
            var tampered = plain.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            get.url().toString().replace("shared.txt", "other.txt"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).isEqualTo(403);
            assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        }
    }
}
