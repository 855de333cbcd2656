package io.cairn.s3.router;

import static io.cairn.s3.router.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.s3.router.S3Operation.*;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample requests of the S3 API reference, as Garage's router tests them (test_aws_doc_examples, with its cases
 * that need a header), plus a few more samples of the reference. Each is a request on a bucket as the reference
 * writes it, virtual-host style; it is parsed so, and path-style, against the global and a regional endpoint. Where
 * the reference gives only the syntax, placeholders stand as they are ("/Key+", "VersionId"), except encoding-type,
 * whose one valid value is url.
 */
class S3RouterDocExamplesTest {
    private static final String BUCKET = "examplebucket";
    private static final List<String> ENDPOINTS = List.of("s3.amazonaws.com", "s3.us-west-2.amazonaws.com");
    private static final S3Router ROUTER = new S3Router(ENDPOINTS);

    /** A sample, with the access class Garage expects: by method, unless said otherwise. */
    record Example(String method, String target, String copySource, S3Operation op, Access access) {
        Example as(Access other) {
            return new Example(method, target, copySource, op, other);
        }

        Map<String, String> headers() {
            return copySource == null ? Map.of() : Map.of("x-amz-copy-source", copySource);
        }

        /** The reference's keys need no escaping: the raw path, less its "/", is the key. */
        String key() {
            String path = target.split("\\?", 2)[0];
            return path.equals("/") ? null : path.substring(1);
        }

        @Override
        public String toString() {
            return method + " " + target + (copySource == null ? "" : " x-amz-copy-source: " + copySource);
        }
    }

    private static Example ex(String method, String target, S3Operation op) {
        return new Example(method, target, null, op,
                method.equals("GET") || method.equals("HEAD") ? Access.READ : Access.WRITE);
    }

    private static Example copy(String target, String copySource, S3Operation op) {
        return new Example("PUT", target, copySource, op, Access.WRITE);
    }

    static Stream<Example> examples() {
        return Stream.of(
                ex("DELETE", "/example-object?uploadId=VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZ",
                        new AbortMultipartUpload("VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZ")),
                ex("DELETE", "/Key+?uploadId=UploadId", new AbortMultipartUpload("UploadId")),
                ex("POST", "/example-object?uploadId=AAAsb2FkIElEIGZvciBlbHZpbmcncyWeeS1tb3ZpZS5tMnRzIRRwbG9hZA",
                        new CompleteMultipartUpload("AAAsb2FkIElEIGZvciBlbHZpbmcncyWeeS1tb3ZpZS5tMnRzIRRwbG9hZA")),
                ex("POST", "/Key+?uploadId=UploadId", new CompleteMultipartUpload("UploadId")),
                // Garage checks CreateBucket as a write; here no grant of an existing bucket applies.
                ex("PUT", "/", new CreateBucket()).as(Access.NONE),
                ex("POST", "/example-object?uploads", new CreateMultipartUpload()),
                ex("POST", "/{Key+}?uploads", new CreateMultipartUpload()),
                ex("DELETE", "/", new DeleteBucket()).as(Access.OWNER),
                ex("DELETE", "/?analytics&id=list1", new DeleteBucketAnalyticsConfiguration("list1")),
                ex("DELETE", "/?analytics&id=Id", new DeleteBucketAnalyticsConfiguration("Id")),
                ex("DELETE", "/?cors", new DeleteBucketCors()).as(Access.OWNER),
                ex("DELETE", "/?encryption", new DeleteBucketEncryption()),
                ex("DELETE", "/?intelligent-tiering&id=Id", new DeleteBucketIntelligentTieringConfiguration("Id")),
                ex("DELETE", "/?inventory&id=list1", new DeleteBucketInventoryConfiguration("list1")),
                ex("DELETE", "/?inventory&id=Id", new DeleteBucketInventoryConfiguration("Id")),
                ex("DELETE", "/?lifecycle", new DeleteBucketLifecycle()),
                ex("DELETE", "/?metrics&id=ExampleMetrics", new DeleteBucketMetricsConfiguration("ExampleMetrics")),
                ex("DELETE", "/?metrics&id=Id", new DeleteBucketMetricsConfiguration("Id")),
                ex("DELETE", "/?ownershipControls", new DeleteBucketOwnershipControls()),
                ex("DELETE", "/?policy", new DeleteBucketPolicy()),
                ex("DELETE", "/?replication", new DeleteBucketReplication()),
                ex("DELETE", "/?tagging", new DeleteBucketTagging()),
                ex("DELETE", "/?website", new DeleteBucketWebsite()).as(Access.OWNER),
                ex("DELETE", "/my-second-image.jpg", new DeleteObject(null)),
                ex("DELETE", "/my-third-image.jpg?versionId=UIORUnfndfiufdisojhr398493jfdkjFJjkndnqUifhnw89493jJFJ",
                        new DeleteObject("UIORUnfndfiufdisojhr398493jfdkjFJjkndnqUifhnw89493jJFJ")),
                ex("DELETE", "/Key+?versionId=VersionId", new DeleteObject("VersionId")),
                ex("POST", "/?delete", new DeleteObjects()),
                ex("DELETE", "/exampleobject?tagging", new DeleteObjectTagging(null)),
                ex("DELETE", "/{Key+}?tagging&versionId=VersionId", new DeleteObjectTagging("VersionId")),
                ex("DELETE", "/?publicAccessBlock", new DeletePublicAccessBlock()),
                ex("GET", "/?accelerate", new GetBucketAccelerateConfiguration()),
                ex("GET", "/?acl", new GetBucketAcl()),
                ex("GET", "/?analytics&id=Id", new GetBucketAnalyticsConfiguration("Id")),
                ex("GET", "/?cors", new GetBucketCors()).as(Access.OWNER),
                ex("GET", "/?encryption", new GetBucketEncryption()),
                ex("GET", "/?intelligent-tiering&id=Id", new GetBucketIntelligentTieringConfiguration("Id")),
                ex("GET", "/?inventory&id=list1", new GetBucketInventoryConfiguration("list1")),
                ex("GET", "/?inventory&id=Id", new GetBucketInventoryConfiguration("Id")),
                ex("GET", "/?lifecycle", new GetBucketLifecycleConfiguration()),
                ex("GET", "/?location", new GetBucketLocation()),
                ex("GET", "/?logging", new GetBucketLogging()),
                ex("GET", "/?metrics&id=Documents", new GetBucketMetricsConfiguration("Documents")),
                ex("GET", "/?metrics&id=Id", new GetBucketMetricsConfiguration("Id")),
                ex("GET", "/?notification", new GetBucketNotificationConfiguration()),
                ex("GET", "/?ownershipControls", new GetBucketOwnershipControls()),
                ex("GET", "/?policy", new GetBucketPolicy()),
                ex("GET", "/?policyStatus", new GetBucketPolicyStatus()),
                ex("GET", "/?replication", new GetBucketReplication()),
                ex("GET", "/?requestPayment", new GetBucketRequestPayment()),
                ex("GET", "/?tagging", new GetBucketTagging()),
                ex("GET", "/?versioning", new GetBucketVersioning()),
                ex("GET", "/?website", new GetBucketWebsite()).as(Access.OWNER),
                ex("GET", "/my-image.jpg", new GetObject(null, null)),
                ex("GET", "/my-image.jpg?versionId=3HL4kqCxf3vjVBH40Nrjfkd",
                        new GetObject("3HL4kqCxf3vjVBH40Nrjfkd", null)),
                ex("GET", "/myObject?versionId=3/L4kqtJlcpXroDTDmpUMLUo",
                        new GetObject("3/L4kqtJlcpXroDTDmpUMLUo", null)),
                ex("GET", "/Junk3.txt?response-cache-control=No-cache&response-content-disposition=attachment%3B%20"
                        + "filename%3Dtesting.txt&response-content-encoding=x-gzip&response-content-language=mi%2C%20"
                        + "en&response-expires=Thu%2C%2001%20Dec%201994%2016:00:00%20GMT", new GetObject(null, null)),
                ex("GET", "/Key+?partNumber=1&response-cache-control=ResponseCacheControl&response-content-disposition="
                        + "ResponseContentDisposition&response-content-encoding=ResponseContentEncoding"
                        + "&response-content-language=ResponseContentLanguage&response-content-type=ResponseContentType"
                        + "&response-expires=ResponseExpires&versionId=VersionId", new GetObject("VersionId", 1)),
                ex("GET", "/my-image.jpg?acl", new GetObjectAcl(null)),
                ex("GET", "/my-image.jpg?versionId=3/L4kqtJlcpXroDVBH40Nr8X8gdRQBpUMLUo&acl",
                        new GetObjectAcl("3/L4kqtJlcpXroDVBH40Nr8X8gdRQBpUMLUo")),
                ex("GET", "/{Key+}?acl&versionId=VersionId", new GetObjectAcl("VersionId")),
                ex("GET", "/{Key+}?attributes&versionId=VersionId", new GetObjectAttributes("VersionId")),
                ex("GET", "/{Key+}?legal-hold&versionId=VersionId", new GetObjectLegalHold("VersionId")),
                ex("GET", "/?object-lock", new GetObjectLockConfiguration()),
                ex("GET", "/{Key+}?retention&versionId=VersionId", new GetObjectRetention("VersionId")),
                ex("GET", "/example-object?tagging", new GetObjectTagging(null)),
                ex("GET", "/{Key+}?tagging&versionId=VersionId", new GetObjectTagging("VersionId")),
                ex("GET", "/quotes/Nelson?torrent", new GetObjectTorrent()),
                ex("GET", "/{Key+}?torrent", new GetObjectTorrent()),
                ex("GET", "/?publicAccessBlock", new GetPublicAccessBlock()),
                ex("HEAD", "/", new HeadBucket()),
                ex("HEAD", "/my-image.jpg", new HeadObject(null, null)),
                ex("HEAD", "/my-image.jpg?versionId=3HL4kqCxf3vjVBH40Nrjfkd",
                        new HeadObject("3HL4kqCxf3vjVBH40Nrjfkd", null)),
                ex("HEAD", "/Key+?partNumber=3&versionId=VersionId", new HeadObject("VersionId", 3)),
                ex("GET", "/?analytics", new ListBucketAnalyticsConfigurations(null)),
                ex("GET", "/?analytics&continuation-token=ContinuationToken",
                        new ListBucketAnalyticsConfigurations("ContinuationToken")),
                ex("GET", "/?intelligent-tiering", new ListBucketIntelligentTieringConfigurations(null)),
                ex("GET", "/?intelligent-tiering&continuation-token=ContinuationToken",
                        new ListBucketIntelligentTieringConfigurations("ContinuationToken")),
                ex("GET", "/?inventory", new ListBucketInventoryConfigurations(null)),
                ex("GET", "/?inventory&continuation-token=ContinuationToken",
                        new ListBucketInventoryConfigurations("ContinuationToken")),
                ex("GET", "/?metrics", new ListBucketMetricsConfigurations(null)),
                ex("GET", "/?metrics&continuation-token=ContinuationToken",
                        new ListBucketMetricsConfigurations("ContinuationToken")),
                ex("GET", "/?uploads&max-uploads=3", new ListMultipartUploads(null, null, null, null, 3, null)),
                ex("GET", "/?uploads&delimiter=/", new ListMultipartUploads(null, "/", null, null, null, null)),
                ex("GET", "/?uploads&delimiter=/&prefix=photos/2006/",
                        new ListMultipartUploads("photos/2006/", "/", null, null, null, null)),
                ex("GET", "/?uploads&delimiter=D&encoding-type=url&key-marker=KeyMarker&max-uploads=1&prefix=Prefix"
                        + "&upload-id-marker=UploadIdMarker",
                        new ListMultipartUploads("Prefix", "D", "KeyMarker", "UploadIdMarker", 1, "url")),
                ex("GET", "/", new ListObjects(null, null, null, null, null)),
                ex("GET", "/?prefix=N&marker=Ned&max-keys=40", new ListObjects("N", null, "Ned", 40, null)),
                ex("GET", "/?delimiter=/", new ListObjects(null, "/", null, null, null)),
                ex("GET", "/?prefix=photos/2006/&delimiter=/", new ListObjects("photos/2006/", "/", null, null, null)),
                ex("GET", "/?delimiter=D&encoding-type=url&marker=Marker&max-keys=1&prefix=Prefix",
                        new ListObjects("Prefix", "D", "Marker", 1, "url")),
                ex("GET", "/?list-type=2", new ListObjectsV2(null, null, null, null, null, null, null)),
                ex("GET", "/?list-type=2&max-keys=3&prefix=E&start-after=ExampleGuide.pdf",
                        new ListObjectsV2("E", null, null, "ExampleGuide.pdf", 3, null, null)),
                ex("GET", "/?list-type=2&prefix=E&start-after=ExampleGuide.pdf",
                        new ListObjectsV2("E", null, null, "ExampleGuide.pdf", null, null, null)),
                ex("GET", "/?list-type=2&delimiter=/", new ListObjectsV2(null, "/", null, null, null, null, null)),
                ex("GET", "/?list-type=2&prefix=photos/2006/&delimiter=/",
                        new ListObjectsV2("photos/2006/", "/", null, null, null, null, null)),
                ex("GET", "/?list-type=2&continuation-token=1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
                        new ListObjectsV2(null, null, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=", null, null,
                                null, null)),
                ex("GET", "/?list-type=2&continuation-token=ContinuationToken&delimiter=D&encoding-type=url"
                        + "&fetch-owner=true&max-keys=1&prefix=Prefix&start-after=StartAfter",
                        new ListObjectsV2("Prefix", "D", "ContinuationToken", "StartAfter", 1, true, "url")),
                ex("GET", "/?versions", new ListObjectVersions(null, null, null, null, null, null)),
                ex("GET", "/?versions&key-marker=key2", new ListObjectVersions(null, null, "key2", null, null, null)),
                ex("GET", "/?versions&key-marker=key3&version-id-marker=t46ZenlYTZBnj",
                        new ListObjectVersions(null, null, "key3", "t46ZenlYTZBnj", null, null)),
                ex("GET", "/?versions&key-marker=key3&version-id-marker=t46Z0menlYTZBnj&max-keys=3",
                        new ListObjectVersions(null, null, "key3", "t46Z0menlYTZBnj", 3, null)),
                ex("GET", "/?versions&delimiter=/", new ListObjectVersions(null, "/", null, null, null, null)),
                ex("GET", "/?versions&prefix=photos/2006/&delimiter=/",
                        new ListObjectVersions("photos/2006/", "/", null, null, null, null)),
                ex("GET", "/?versions&delimiter=D&encoding-type=url&key-marker=KeyMarker&max-keys=2&prefix=Prefix"
                        + "&version-id-marker=VersionIdMarker",
                        new ListObjectVersions("Prefix", "D", "KeyMarker", "VersionIdMarker", 2, "url")),
                ex("GET", "/example-object?uploadId=XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA"
                        + "&max-parts=2&part-number-marker=1",
                        new ListParts("XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA", 2, 1)),
                ex("GET", "/Key+?max-parts=2&part-number-marker=2&uploadId=UploadId", new ListParts("UploadId", 2, 2)),
                ex("PUT", "/?accelerate", new PutBucketAccelerateConfiguration()),
                ex("PUT", "/?acl", new PutBucketAcl()),
                ex("PUT", "/?analytics&id=report1", new PutBucketAnalyticsConfiguration("report1")),
                ex("PUT", "/?analytics&id=Id", new PutBucketAnalyticsConfiguration("Id")),
                ex("PUT", "/?cors", new PutBucketCors()).as(Access.OWNER),
                ex("PUT", "/?encryption", new PutBucketEncryption()),
                ex("PUT", "/?intelligent-tiering&id=Id", new PutBucketIntelligentTieringConfiguration("Id")),
                ex("PUT", "/?inventory&id=report1", new PutBucketInventoryConfiguration("report1")),
                ex("PUT", "/?inventory&id=Id", new PutBucketInventoryConfiguration("Id")),
                ex("PUT", "/?lifecycle", new PutBucketLifecycleConfiguration()),
                ex("PUT", "/?logging", new PutBucketLogging()),
                ex("PUT", "/?metrics&id=EntireBucket", new PutBucketMetricsConfiguration("EntireBucket")),
                ex("PUT", "/?metrics&id=Id", new PutBucketMetricsConfiguration("Id")),
                ex("PUT", "/?notification", new PutBucketNotificationConfiguration()),
                ex("PUT", "/?ownershipControls", new PutBucketOwnershipControls()),
                ex("PUT", "/?policy", new PutBucketPolicy()),
                ex("PUT", "/?replication", new PutBucketReplication()),
                ex("PUT", "/?requestPayment", new PutBucketRequestPayment()),
                ex("PUT", "/?tagging", new PutBucketTagging()),
                ex("PUT", "/?versioning", new PutBucketVersioning()),
                ex("PUT", "/?website", new PutBucketWebsite()).as(Access.OWNER),
                ex("PUT", "/my-image.jpg", new PutObject()),
                ex("PUT", "/Key+", new PutObject()),
                ex("PUT", "/my-image.jpg?acl", new PutObjectAcl(null)),
                // The reference writes '+' unencoded in this query, where it means a space.
                ex("PUT", "/my-image.jpg?acl&versionId=3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nrjfkd",
                        new PutObjectAcl("3HL4kqtJlcpXroDTDmJ rmSpXd3dIbrHY MTRCxf3vjVBH40Nrjfkd")),
                ex("PUT", "/{Key+}?acl&versionId=VersionId", new PutObjectAcl("VersionId")),
                ex("PUT", "/{Key+}?legal-hold&versionId=VersionId", new PutObjectLegalHold("VersionId")),
                ex("PUT", "/?object-lock", new PutObjectLockConfiguration()),
                ex("PUT", "/{Key+}?retention&versionId=VersionId", new PutObjectRetention("VersionId")),
                ex("PUT", "/object-key?tagging", new PutObjectTagging(null)),
                ex("PUT", "/{Key+}?tagging&versionId=VersionId", new PutObjectTagging("VersionId")),
                ex("PUT", "/?publicAccessBlock", new PutPublicAccessBlock()),
                ex("POST", "/object-one.csv?restore", new RestoreObject(null)),
                ex("POST", "/{Key+}?restore&versionId=VersionId", new RestoreObject("VersionId")),
                ex("PUT", "/my-movie.m2ts?partNumber=1"
                        + "&uploadId=VCVsb2FkIElEIGZvciBlbZZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZR",
                        new UploadPart("VCVsb2FkIElEIGZvciBlbZZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZR", 1)),
                ex("PUT", "/Key+?partNumber=2&uploadId=UploadId", new UploadPart("UploadId", 2)),
                ex("POST", "/", new PostObject()),
                // Told apart by a header.
                copy("/Key+", "some/key", new CopyObject()),
                copy("/my-second-image.jpg", "/bucket/my-image.jpg", new CopyObject()),
                copy("/Key+?partNumber=2&uploadId=UploadId", "some/key", new UploadPartCopy("UploadId", 2)),
                copy("/newobject?partNumber=2&uploadId=VCVsb2FkIElEIGZvciBlbZZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZR",
                        "/source-bucket/sourceobject",
                        new UploadPartCopy("VCVsb2FkIElEIGZvciBlbZZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZR", 2)),
                // A POST that only reads.
                ex("POST", "/{Key+}?select&select-type=2", new SelectObjectContent()).as(Access.READ));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void virtualHostStyle(Example example) {
        for (String endpoint : ENDPOINTS) {
            assertParses(example, BUCKET + "." + endpoint, example.target());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void pathStyle(Example example) {
        for (String endpoint : ENDPOINTS) {
            assertParses(example, endpoint, "/" + BUCKET + example.target());
        }
    }

    private static void assertParses(Example example, String host, String target) {
        ParsedRequest parsed = ROUTER.parse(request(example.method(), host, target, example.headers()));
        assertThat(parsed).as("%s on %s", example, host)
                .isEqualTo(new ParsedRequest(BUCKET, example.key(), example.op()));
        assertThat(parsed.op().access()).as("access of %s", example).isEqualTo(example.access());
    }
}
