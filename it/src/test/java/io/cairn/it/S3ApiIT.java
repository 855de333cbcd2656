package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 API driven by the AWS SDK for Java v2, as an application would use it, against an in-JVM cluster. */
class S3ApiIT extends SharedClusterTest {
    static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Clients.sync(cluster.s3Url(), true, true);
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    private static String text(ResponseBytes<GetObjectResponse> bytes) {
        return bytes.asString(StandardCharsets.UTF_8);
    }

    @Test
    void bucketsAreCreatedListedHeadedAndDeletedOnlyWhenEmpty() {
        s3.createBucket(b -> b.bucket("lifecycle"));
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("lifecycle", "default");
        s3.headBucket(b -> b.bucket("lifecycle"));
        assertThat(s3.getBucketLocation(b -> b.bucket("lifecycle")).locationConstraintAsString()).isEmpty();
        // In us-east-1 S3 answers 200 to re-creating one's own bucket (elsewhere BucketAlreadyOwnedByYou).
        s3.createBucket(b -> b.bucket("lifecycle"));
        s3.putObject(b -> b.bucket("lifecycle").key("x"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("lifecycle")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
        s3.deleteObject(b -> b.bucket("lifecycle").key("x"));
        s3.deleteBucket(b -> b.bucket("lifecycle"));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("lifecycle")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("xn--reserved-prefix")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));
    }

    @ParameterizedTest(name = "path style {0}, checksums {1}")
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void objectsRoundTripWithMetadataInEitherAddressingStyle(boolean pathStyle, boolean checksums) {
        String bucket = "round-" + pathStyle + "-" + checksums;
        try (S3Client client = S3Clients.sync(cluster.s3Url(), pathStyle, checksums)) {
            client.createBucket(b -> b.bucket(bucket));
            byte[] content = Data.random(3 * TestClusters.CHUNK + 12345, 7);
            String key = "dir/a key+with spaces/ü.bin";
            PutObjectResponse put = client.putObject(b -> b.bucket(bucket).key(key).contentType("image/png")
                    .metadata(Map.of("colour", "blue")).cacheControl("no-cache"), RequestBody.fromBytes(content));
            assertThat(put.eTag()).isEqualTo("\"" + Data.md5Hex(content) + "\"");
            ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            assertThat(got.asByteArray()).isEqualTo(content);
            assertThat(got.response().contentType()).isEqualTo("image/png");
            assertThat(got.response().metadata()).containsEntry("colour", "blue");
            assertThat(got.response().cacheControl()).isEqualTo("no-cache");
            assertThat(got.response().eTag()).isEqualTo(put.eTag());
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
            assertThat(head.contentLength()).isEqualTo(content.length);
            assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                    .containsExactly(key);
        }
    }

    @Test
    void rangesAndConditionalReads() {
        s3.putObject(b -> b.bucket("default").key("ranged.txt"), RequestBody.fromString("0123456789"));
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("default").key("ranged.txt").range("bytes=2-5"))))
                .isEqualTo("2345");
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("default").key("ranged.txt").range("bytes=-3"))))
                .isEqualTo("789");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("ranged.txt").range("bytes=20-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
        String etag = s3.headObject(b -> b.bucket("default").key("ranged.txt")).eTag();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("ranged.txt").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("ranged.txt").ifMatch("\"other\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("default").key("ranged.txt").ifMatch(etag))))
                .isEqualTo("0123456789");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("missing")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket").key("missing")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void conditionalCreateRefusesAnExistingKey() {
        s3.putObject(b -> b.bucket("default").key("once"), RequestBody.fromString("first"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("default").key("once").ifNoneMatch("*"),
                RequestBody.fromString("second"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("default").key("once")))).isEqualTo("first");
    }

    @Test
    void listingWithADelimiterGroupsCommonPrefixesAndPages() {
        s3.createBucket(b -> b.bucket("listing"));
        for (String key : List.of("a/1", "a/2", "b/1", "c", "d/x/1", "e")) {
            s3.putObject(b -> b.bucket("listing").key(key), RequestBody.fromString(key));
        }
        ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/").maxKeys(3));
        assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "b/");
        assertThat(first.contents()).extracting(S3Object::key).containsExactly("c");
        assertThat(first.isTruncated()).isTrue();
        ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/").maxKeys(3)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("d/");
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("e");
        assertThat(second.isTruncated()).isFalse();
        assertThat(s3.listObjects(b -> b.bucket("listing").prefix("a/").marker("a/1")).contents())
                .extracting(S3Object::key).containsExactly("a/2");
        // The paginator follows continuation tokens to the end.
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket("listing").maxKeys(2)).contents().stream()
                .map(S3Object::key)).containsExactly("a/1", "a/2", "b/1", "c", "d/x/1", "e");
    }

    @Test
    void copyMovesNoBytesAndKeepsOrReplacesMetadata() {
        byte[] content = Data.random(2 * TestClusters.CHUNK + 7, 9);
        s3.putObject(b -> b.bucket("default").key("original").metadata(Map.of("k", "v")),
                RequestBody.fromBytes(content));
        long chunksBefore = cluster.controller().controller().service().status().total_chunks();
        CopyObjectResponse copy = s3.copyObject(b -> b.sourceBucket("default").sourceKey("original")
                .destinationBucket("default").destinationKey("copied"));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo("\"" + Data.md5Hex(content) + "\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("default").key("copied")).asByteArray()).isEqualTo(content);
        assertThat(s3.headObject(b -> b.bucket("default").key("copied")).metadata()).containsEntry("k", "v");
        assertThat(cluster.controller().controller().service().status().total_chunks()).isEqualTo(chunksBefore);
        s3.copyObject(b -> b.sourceBucket("default").sourceKey("original").destinationBucket("default")
                .destinationKey("replaced").metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("new", "yes")).contentType("text/plain"));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket("default").key("replaced"));
        assertThat(replaced.metadata()).containsOnlyKeys("new");
        assertThat(replaced.contentType()).isEqualTo("text/plain");
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket("default").sourceKey("original")
                .destinationBucket("default").destinationKey("original")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
    }

    @Test
    void deleteManyReportsEachKey() {
        for (String key : List.of("many/1", "many/2", "many/3")) {
            s3.putObject(b -> b.bucket("default").key(key), RequestBody.fromString(key));
        }
        DeleteObjectsResponse deleted = s3.deleteObjects(b -> b.bucket("default").delete(Delete.builder()
                .objects(ObjectIdentifier.builder().key("many/1").build(),
                        ObjectIdentifier.builder().key("many/2").build(),
                        ObjectIdentifier.builder().key("many/absent").build()).build()));
        assertThat(deleted.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("many/1", "many/2",
                "many/absent");
        assertThat(deleted.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket("default").prefix("many/")).contents()).extracting(S3Object::key)
                .containsExactly("many/3");
    }

    @Test
    void versioningKeepsVersionsAndDeleteLeavesAMarker() {
        s3.createBucket(b -> b.bucket("versioned"));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(c -> c
                .status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
        String v1 = s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromString("two")).versionId();
        assertThat(v1).isNotEqualTo(v2);
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc").versionId(v1)))).isEqualTo("one");
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket("versioned").key("doc"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.listObjectsV2(b -> b.bucket("versioned")).contents()).isEmpty();
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc").versionId(v2)))).isEqualTo("two");
        // Removing the marker brings the key back.
        s3.deleteObject(b -> b.bucket("versioned").key("doc").versionId(marker.versionId()));
        assertThat(text(s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")))).isEqualTo("two");
        // The REST API sees the same versions.
        assertThat(http.get("/files/doc/versions?bucket=versioned").json().get("versions")).hasSize(2);
    }

    @Test
    void unsupportedOperationsAreRefusedNotFaked() {
        assertThatThrownBy(() -> s3.putBucketTagging(b -> b.bucket("default").tagging(t -> t.tagSet(
                tag -> tag.key("team").value("storage")))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        // Reading a setting Cairn cannot have answers that there is none, as S3 does for an unset one.
        assertThatThrownBy(() -> s3.getBucketPolicy(b -> b.bucket("default")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy");
                });
        assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket("default")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("NoSuchLifecycleConfiguration"));
        s3.putObject(b -> b.bucket("default").key("untagged"), RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(b -> b.bucket("default").key("untagged")).tagSet()).isEmpty();
        assertThatThrownBy(() -> s3.putObjectTagging(b -> b.bucket("default").key("untagged")
                .tagging(t -> t.tagSet(software.amazon.awssdk.services.s3.model.Tag.builder().key("k").value("v")
                        .build())))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(501));
    }

    @Test
    void aclsDefaultToTheOwnersFullControlAndAreReplacedWhole() {
        s3.putObject(b -> b.bucket("default").key("private.txt"), RequestBody.fromString("mine"));
        var bucketAcl = s3.getBucketAcl(b -> b.bucket("default"));
        assertThat(bucketAcl.grants()).singleElement().satisfies(g -> {
            assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL");
            assertThat(g.grantee().id()).isEqualTo(bucketAcl.owner().id());
        });
        assertThat(s3.getObjectAcl(b -> b.bucket("default").key("private.txt")).grants()).hasSize(1);
        s3.putObjectAcl(b -> b.bucket("default").key("private.txt").acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(s3.getObjectAcl(b -> b.bucket("default").key("private.txt")).grants())
                .extracting(g -> g.permissionAsString()).containsExactly("READ", "FULL_CONTROL");
        s3.putObjectAcl(b -> b.bucket("default").key("private.txt").acl(ObjectCannedACL.PRIVATE));
        assertThat(s3.getObjectAcl(b -> b.bucket("default").key("private.txt")).grants()).hasSize(1);
        assertThatThrownBy(() -> s3.putObjectAcl(b -> b.bucket("default").key("private.txt")
                .overrideConfiguration(o -> o.putHeader("x-amz-acl", "everyone")))).isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void badInputIsRefusedWithS3sCodesAndStoresNothing() {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("default").key("md5").contentMD5(
                java.util.Base64.getEncoder().encodeToString(new byte[16])), RequestBody.fromString("content")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("default").key("md5")))
                .isInstanceOf(NoSuchKeyException.class);
        s3.putObject(b -> b.bucket("default").key("has-versions"), RequestBody.fromString("v"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("has-versions")
                .versionId("999999"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("has-versions")
                .versionId("not-a-version"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void anonymousAndExpiredRequestsAreRefused() throws Exception {
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        var anonymous = plain.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(cluster.s3Url() + "/default/anything")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>").contains("<RequestId>");
        assertThat(anonymous.headers().firstValue("x-amz-request-id")).isPresent();
        try (var presigner = S3Clients.presigner(cluster.s3Url())) {
            var url = presigner.presignGetObject(p -> p.signatureDuration(java.time.Duration.ofSeconds(1))
                    .getObjectRequest(r -> r.bucket("default").key("anything"))).url();
            Thread.sleep(2100);
            var expired = plain.send(java.net.http.HttpRequest.newBuilder(url.toURI()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("expired");
        }
    }

    @Test
    void browsersGetCorsEvenWithARefusal() throws Exception {
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        var preflight = plain.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(cluster.s3Url() + "/default/upload.bin"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.example").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type");
        var sigV2 = plain.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cluster.s3Url()
                        + "/default/x?AWSAccessKeyId=AKID&Signature=abc%3D&Expires=9999999999"))
                .header("Origin", "http://app.example").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(sigV2.statusCode()).isEqualTo(403);
        assertThat(sigV2.body()).contains("<Code>InvalidAccessKeyId</Code>");
        assertThat(sigV2.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");
    }

    @Test
    void bucketListingsFilterAndPage() {
        for (String name : List.of("paged-a", "paged-b", "paged-c")) {
            s3.createBucket(b -> b.bucket(name));
        }
        var first = s3.listBuckets(b -> b.prefix("paged-").maxBuckets(2));
        assertThat(first.buckets()).extracting(b -> b.name()).containsExactly("paged-a", "paged-b");
        var rest = s3.listBuckets(b -> b.prefix("paged-").maxBuckets(2).continuationToken(first.continuationToken()));
        assertThat(rest.buckets()).extracting(b -> b.name()).containsExactly("paged-c");
        assertThat(rest.continuationToken()).isNull();
    }

    /**
     * A streaming upload (signed chunks) whose body is changed on the way is refused and stores nothing: the server
     * checks each chunk's signature before it uses the chunk's bytes.
     */
    @Test
    void aTamperedStreamingUploadIsRefusedAndStoresNothing() throws Exception {
        byte[] content = Data.random(300_000, 12);
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        assertThat(sendSignedStream(plain, "streamed-ok", content, false).statusCode()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("default").key("streamed-ok")).asByteArray()).isEqualTo(content);
        var tampered = sendSignedStream(plain, "streamed-bad", content, true);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("default").key("streamed-bad")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    /** A PUT signed by the SDK's own signer with signed chunks, sent as is or with one byte of its second chunk changed. */
    private static java.net.http.HttpResponse<String> sendSignedStream(java.net.http.HttpClient client, String key,
            byte[] content, boolean tamper) throws Exception {
        var unsigned = software.amazon.awssdk.http.SdkHttpFullRequest.builder()
                .method(software.amazon.awssdk.http.SdkHttpMethod.PUT)
                .uri(java.net.URI.create(cluster.s3Url() + "/default/" + key))
                .putHeader("Content-Length", String.valueOf(content.length)).build();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(
                        TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET))
                .request(unsigned)
                .payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(content))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED,
                        true));
        byte[] wire;
        try (var in = signed.payload().orElseThrow().newStream()) {
            wire = in.readAllBytes();
        }
        if (tamper) {
            int secondChunk = new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .indexOf("chunk-signature", 200);
            wire[secondChunk + 200] ^= 1; // inside the second chunk's data, past its header line
        }
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(cluster.s3Url() + "/default/" + key))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(wire));
        signed.request().headers().forEach((name, values) -> {
            if (!java.util.Set.of("host", "content-length").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongSecretIsRefused() {
        try (S3Client wrong = S3Client.builder().endpointOverride(java.net.URI.create(cluster.s3Url()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                TestClusters.ROOT_KEY, "not-the-secret")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(wrong::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
    }
}
