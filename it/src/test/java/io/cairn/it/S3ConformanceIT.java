package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Regression tests for the places where Cairn answered otherwise than S3 (found by ceph/s3-tests, issue 12), each
 * through the AWS SDK or, where the SDK hides the wire, a raw request signed by the SDK's signer.
 */
class S3ConformanceIT extends SharedS3Test {
    private static URI s3Uri(String pathAndQuery) {
        return URI.create(cluster.s3Url() + pathAndQuery);
    }

    private static String signedGet(String pathAndQuery) throws Exception {
        Http.Response response = SigV4Requests.send(http, SigV4Requests.get(s3Uri(pathAndQuery)), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** @param code the error's code, or null for a HEAD (its error has no body) */
    private static void expectS3Error(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }

    @Test
    void aVersionListingResumesAfterTheVersionsItListedWereDeleted() {
        s3.createBucket(b -> b.bucket("nuke-unversioned"));
        List<String> keys = List.of("a", "b", "c", "d", "e");
        keys.forEach(k -> s3.putObject(b -> b.bucket("nuke-unversioned").key(k), RequestBody.fromString(k)));

        // What clients do to empty a bucket: list a page, delete what it lists, ask for the next page.
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        boolean truncated = true;
        while (truncated) {
            String k = keyMarker;
            String v = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket("nuke-unversioned").maxKeys(2)
                    .keyMarker(k).versionIdMarker(v));
            page.versions().forEach(version -> seen.add(version.key()));
            s3.deleteObjects(b -> b.bucket("nuke-unversioned").delete(d -> d.objects(page.versions().stream()
                    .map(version -> ObjectIdentifier.builder().key(version.key()).versionId(version.versionId())
                            .build()).toList())));
            assertThat(page.nextVersionIdMarker()).isIn(null, "null");
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
            truncated = page.isTruncated();
        }

        assertThat(seen).containsExactlyElementsOf(keys);
        assertThat(s3.listObjectsV2(b -> b.bucket("nuke-unversioned")).contents()).isEmpty();
    }

    @Test
    void urlEncodedListingsEncodeKeysAsUriPathsAndEmptyTokensAreEchoed() throws Exception {
        s3.createBucket(b -> b.bucket("encoded-listing"));
        for (String key : List.of("foo+1/bar", "foo/bar/xyzzy", "quux ab/thud", "asdf+b")) {
            s3.putObject(b -> b.bucket("encoded-listing").key(key), RequestBody.fromString(key));
        }

        for (String listType : List.of("", "&list-type=2")) {
            String xml = signedGet("/encoded-listing?delimiter=%2F&encoding-type=url" + listType);
            assertThat(xml).contains("<Delimiter>/</Delimiter>", "<Key>asdf%2Bb</Key>",
                    "<Prefix>foo%2B1/</Prefix>", "<Prefix>foo/</Prefix>", "<Prefix>quux%20ab/</Prefix>");
        }
        // V1 echoes the prefix as sent; a control character in a key comes back percent-encoded.
        assertThat(signedGet("/encoded-listing?prefix=%0A&encoding-type=url")).contains("<Prefix>\n</Prefix>");
        assertThat(signedGet("/encoded-listing?list-type=2&continuation-token=")).containsPattern(
                "<ContinuationToken>\\s*</ContinuationToken>|<ContinuationToken/>").contains("<Key>asdf+b</Key>");
    }

    @Test
    void reCreatingOnesOwnBucketInUsEast1ChangesNothingAndAskingForOtherGrantsIsRefused() {
        s3.createBucket(b -> b.bucket("recreated").acl(BucketCannedACL.PUBLIC_READ));
        s3.putObject(b -> b.bucket("recreated").key("kept"), RequestBody.fromString("kept"));

        s3.createBucket(b -> b.bucket("recreated").acl(BucketCannedACL.PUBLIC_READ));
        expectS3Error(() -> s3.createBucket(b -> b.bucket("recreated")), 409, "BucketAlreadyExists");

        assertThat(s3.listObjectsV2(b -> b.bucket("recreated")).contents()).extracting(o -> o.key())
                .containsExactly("kept");
        assertThat(s3.getBucketAcl(b -> b.bucket("recreated")).grants()).anySatisfy(g ->
                assertThat(g.grantee().uri()).endsWith("/AllUsers"));
    }

    @Test
    void userMetadataSentAsUtf8IsSignedAndStoredAsTheTextMeant() throws Exception {
        s3.createBucket(b -> b.bucket("utf8-metadata"));
        String meant = "Hello World \u00e9";
        byte[] body = "bar".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = SigV4Requests.sign(SdkHttpMethod.PUT, s3Uri("/utf8-metadata/foo"),
                Map.of("x-amz-meta-greeting", meant), body, SigV4Requests.sha256(body), TestClusters.ROOT_KEY,
                TestClusters.ROOT_SECRET, false);
        // On the wire as botocore sends it: the UTF-8 bytes the signature covers. Written byte by byte, as an HTTP
        // client library would re-encode the value its own way.
        URI uri = URI.create(cluster.s3Url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /utf8-metadata/foo HTTP/1.1\r\nConnection: close\r\nContent-Length: " + body.length
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
                out.write((header.getKey() + ": " + header.getValue().getFirst() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }

        assertThat(s3.headObject(b -> b.bucket("utf8-metadata").key("foo")).metadata())
                .containsEntry("greeting", meant);
    }

    @Test
    void contentEncodingIsKeptAsSentWithoutAwsChunked() {
        s3.createBucket(b -> b.bucket("content-encoding"));
        Map<String, String> expected = Map.of("deflate, gzip", "deflate, gzip", "gzip, aws-chunked", "gzip",
                "aws-chunked, gzip", "gzip");
        expected.forEach((sent, kept) -> {
            s3.putObject(b -> b.bucket("content-encoding").key("x").contentEncoding(sent), RequestBody.fromString("x"));
            assertThat(s3.headObject(b -> b.bucket("content-encoding").key("x")).contentEncoding()).isEqualTo(kept);
        });
        s3.putObject(b -> b.bucket("content-encoding").key("x").contentEncoding("aws-chunked"),
                RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket("content-encoding").key("x")).contentEncoding()).isNull();
    }

    @Test
    void aMissingKeyIsNotADeleteMarker() {
        s3.createBucket(b -> b.bucket("no-marker"));
        s3.putObject(b -> b.bucket("no-marker").key("gone"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket("no-marker").key("gone"));

        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("no-marker").key("gone")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker"))
                            .hasValue("false");
                });
    }

    @Test
    void aPartSentTwiceCountsWithTheEtagOfItsLaterSend() {
        s3.createBucket(b -> b.bucket("resent-part"));
        String upload = s3.createMultipartUpload(b -> b.bucket("resent-part").key("k")).uploadId();
        String first = s3.uploadPart(b -> b.bucket("resent-part").key("k").uploadId(upload).partNumber(1),
                RequestBody.fromString("AAAAAAAA")).eTag();
        String second = s3.uploadPart(b -> b.bucket("resent-part").key("k").uploadId(upload).partNumber(1),
                RequestBody.fromString("BBBBBBBB")).eTag();

        s3.completeMultipartUpload(b -> b.bucket("resent-part").key("k").uploadId(upload).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(first).build(),
                        CompletedPart.builder().partNumber(1).eTag(second).build())));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("resent-part").key("k")).asUtf8String()).isEqualTo("BBBBBBBB");
    }

    @Test
    void aRefusedRequestThatExpectsContinueIsNotInvitedToSendItsBody() throws Exception {
        s3.createBucket(b -> b.bucket("expect-continue"));
        URI uri = URI.create(cluster.s3Url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /expect-continue/obj HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nContent-Length: 123\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = in.readNBytes(12);
            assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 403");
        }
        expectS3Error(() -> s3.headObject(b -> b.bucket("expect-continue").key("obj")), 404, null);
    }

    @Test
    void anonymousReadersLearnOfAbsenceWhereS3TellsThem() throws Exception {
        s3.createBucket(b -> b.bucket("public-gone").acl(BucketCannedACL.PUBLIC_READ));
        s3.createBucket(b -> b.bucket("private-gone"));

        assertThat(anonymousGet("/public-gone/missing")).satisfies(r -> assertS3Error(r, 404, "NoSuchKey"));
        assertThat(anonymousGet("/private-gone/missing")).satisfies(r -> assertS3Error(r, 403, "AccessDenied"));
        s3.deleteBucket(b -> b.bucket("public-gone"));
        assertThat(anonymousGet("/public-gone/missing")).satisfies(r -> assertS3Error(r, 404, "NoSuchBucket"));
        assertThat(anonymousGet("/never-was-a-bucket/x")).satisfies(r -> assertS3Error(r, 404, "NoSuchBucket"));
    }

    private static Http.Response anonymousGet(String path) throws Exception {
        return http.anonymous().send(HttpRequest.newBuilder(s3Uri(path)).GET().build());
    }

    private static void assertS3Error(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<Code>" + code + "</Code>");
    }

    @Test
    void aPresignedUrlWithAnExpiryOutOfRangeIsRefusedAsAccess() throws Exception {
        s3.createBucket(b -> b.bucket("presigned-range"));
        s3.putObject(b -> b.bucket("presigned-range").key("o").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("o"));
        SdkHttpRequest presigned = SigV4Requests.sign(SdkHttpMethod.GET, s3Uri("/presigned-range/o"), Map.of(),
                new byte[0], "UNSIGNED-PAYLOAD", TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET, true);
        assertThat(SigV4Requests.send(http, presigned, null).status()).isEqualTo(200);

        for (String expires : List.of("0", "-7", "609901")) {
            URI changed = URI.create(presigned.getUri().toString().replaceAll("X-Amz-Expires=\\d+",
                    "X-Amz-Expires=" + expires));
            Http.Response refused = SigV4Requests.send(http, presigned.toBuilder().uri(changed).build(), null);
            assertS3Error(refused, 403, "AccessDenied");
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("X-Amz-Expires");
        }
    }

    @Test
    void aPartNumberTheObjectDoesNotHaveIsAnInvalidPart() {
        s3.createBucket(b -> b.bucket("part-numbers"));
        s3.putObject(b -> b.bucket("part-numbers").key("single"), RequestBody.fromString("body"));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("part-numbers").key("single").partNumber(1)).asUtf8String())
                .isEqualTo("body");
        expectS3Error(() -> s3.getObject(b -> b.bucket("part-numbers").key("single").partNumber(2)), 400,
                "InvalidPart");
    }

    @Test
    void encryptionHeadersAreCheckedAsS3ChecksThemAndNeverStoreAnUnencryptedObject() {
        s3.createBucket(b -> b.bucket("sse-headers"));
        Map<Map<String, String>, String> refusals = Map.of(
                Map.of("x-amz-server-side-encryption", "aes:kms"), "InvalidArgument",
                Map.of("x-amz-server-side-encryption-aws-kms-key-id", "key-1"), "InvalidArgument",
                Map.of("x-amz-server-side-encryption-customer-key", "pO3upElrwuEXSoFwCfnZPdSsmt/xWeFa0N9KgDijwVs=",
                        "x-amz-server-side-encryption-customer-key-md5", "DWygnHRtgiJ77HCm+1rvHw=="),
                "InvalidArgument",
                Map.of("x-amz-server-side-encryption-customer-algorithm", "AES256",
                        "x-amz-server-side-encryption-customer-key", "pO3upElrwuEXSoFwCfnZPdSsmt/xWeFa0N9KgDijwVs=",
                        "x-amz-server-side-encryption-customer-key-md5", "AAAAAAAAAAAAAAAAAAAAAA=="),
                "InvalidArgument",
                Map.of("x-amz-server-side-encryption", "AES256"), "NotImplemented");
        refusals.forEach((headers, code) -> {
            expectS3Error(() -> s3.putObject(b -> b.bucket("sse-headers").key("secret")
                    .overrideConfiguration(o -> headers.forEach(o::putHeader)), RequestBody.fromString("x")),
                    code.equals("NotImplemented") ? 501 : 400, code);
            expectS3Error(() -> s3.headObject(b -> b.bucket("sse-headers").key("secret")), 404, null);
        });

        s3.putObject(b -> b.bucket("sse-headers").key("plain"), RequestBody.fromString("x"));
        expectS3Error(() -> s3.getObject(b -> b.bucket("sse-headers").key("plain")
                .overrideConfiguration(o -> o.putHeader("x-amz-server-side-encryption", "aws:kms"))), 400,
                "InvalidArgument");
    }
    @Test
    void aRequestForAnotherOwnersBucketIsRefused() {
        s3.createBucket(b -> b.bucket("expected-owner"));
        s3.putObject(b -> b.bucket("expected-owner").key("k").expectedBucketOwner("root"), RequestBody.fromString("k"));

        expectS3Error(() -> s3.putObject(b -> b.bucket("expected-owner").key("other").expectedBucketOwner("rootfoo"),
                RequestBody.fromString("x")), 403, "AccessDenied");
        expectS3Error(() -> s3.listObjects(b -> b.bucket("expected-owner").expectedBucketOwner("rootfoo")), 403,
                "AccessDenied");
        expectS3Error(() -> s3.copyObject(b -> b.sourceBucket("expected-owner").sourceKey("k")
                .destinationBucket("expected-owner").destinationKey("copy").expectedSourceBucketOwner("rootfoo")),
                403, "AccessDenied");
        assertThat(s3.listObjects(b -> b.bucket("expected-owner")).contents()).extracting(o -> o.key())
                .containsExactly("k");
    }

    @Test
    void aPutWithoutALengthOrChunksIsRefusedNotStoredEmpty() throws Exception {
        s3.createBucket(b -> b.bucket("no-length"));
        SdkHttpRequest signed = SigV4Requests.sign(SdkHttpMethod.PUT, s3Uri("/no-length/k"), Map.of(), new byte[0],
                "UNSIGNED-PAYLOAD", TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET, false);
        URI uri = URI.create(cluster.s3Url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PUT /no-length/k HTTP/1.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
                out.write((header.getKey() + ": " + header.getValue().getFirst() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 411").contains("<Code>MissingContentLength</Code>");
        }
        expectS3Error(() -> s3.headObject(b -> b.bucket("no-length").key("k")), 404, null);
    }

    @Test
    void aCopyIsHeldToThePolicysCopySourceAndMetadataDirectiveConditions() {
        s3.createBucket(b -> b.bucket("cond-src"));
        s3.createBucket(b -> b.bucket("cond-dst"));
        for (String key : List.of("public/foo", "private/foo")) {
            s3.putObject(b -> b.bucket("cond-src").key(key), RequestBody.fromString(key));
        }
        s3.putBucketPolicy(b -> b.bucket("cond-src").policy("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                + "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", "
                + "\"Resource\": \"arn:aws:s3:::cond-src/*\"}]}"));
        s3.putBucketPolicy(b -> b.bucket("cond-dst").policy("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                + "\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::cluster:root\"}, "
                + "\"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::cond-dst/*\"}, {"
                + "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:PutObject\", "
                + "\"Resource\": \"arn:aws:s3:::*/*\", \"Condition\": {"
                + "\"StringLike\": {\"s3:x-amz-copy-source\": \"cond-src/public/*\"}, "
                + "\"StringEquals\": {\"s3:x-amz-metadata-directive\": \"COPY\"}}}]}"));
        try (S3Client copier = S3Clients.tenant(cluster, "cond-copier")) {
            copier.copyObject(b -> b.sourceBucket("cond-src").sourceKey("public/foo").destinationBucket("cond-dst")
                    .destinationKey("copied").metadataDirective("COPY"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("cond-dst").key("copied")).asUtf8String())
                    .isEqualTo("public/foo");
            expectS3Error(() -> copier.copyObject(b -> b.sourceBucket("cond-src").sourceKey("private/foo")
                    .destinationBucket("cond-dst").destinationKey("private").metadataDirective("COPY")), 403,
                    "AccessDenied");
            expectS3Error(() -> copier.copyObject(b -> b.sourceBucket("cond-src").sourceKey("public/foo")
                    .destinationBucket("cond-dst").destinationKey("replaced").metadataDirective("REPLACE")), 403,
                    "AccessDenied");
            assertThat(s3.listObjectsV2(b -> b.bucket("cond-dst")).contents()).extracting(o -> o.key())
                    .containsExactly("copied");
        }
    }

    @Test
    void aMissingKeyIsNoSuchKeyToACallerWhoMayListItsPrefixAndAccessDeniedElsewhere() {
        s3.createBucket(b -> b.bucket("prefix-listed"));
        s3.putBucketPolicy(b -> b.bucket("prefix-listed").policy("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                + "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:ListBucket\", "
                + "\"Resource\": \"arn:aws:s3:::prefix-listed\", "
                + "\"Condition\": {\"StringLike\": {\"s3:prefix\": \"public/*\"}}}]}"));
        try (S3Client other = S3Clients.tenant(cluster, "prefix-lister")) {
            expectS3Error(() -> other.headObject(b -> b.bucket("prefix-listed").key("public/missing")), 404, null);
            expectS3Error(() -> other.headObject(b -> b.bucket("prefix-listed").key("private/missing")), 403, null);
        }
    }
}
