package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * POST Object as a browser sends it: real multipart forms whose policy is signed with Signature V4 (the JDK's
 * HmacSHA256 under the signing key), posted with the JDK's HTTP client, and read back through the AWS SDK.
 */
class S3PostObjectIT extends SharedClusterTest {
    private static final String REGION = "us-east-1";
    private static final String PRIVATE = "forms";
    private static final String DROPBOX = "dropbox";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static S3Client s3;

    @BeforeAll
    static void buckets() {
        s3 = S3Clients.sync(cluster.s3Url(), true, false);
        s3.createBucket(b -> b.bucket(PRIVATE));
        s3.createBucket(b -> b.bucket(DROPBOX).acl(BucketCannedACL.PUBLIC_READ_WRITE));
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void aSignedFormStoresItsFileByteIdenticalWithItsFieldsAsHeadersAndIgnoresFieldsAfterIt() throws Exception {
        byte[] content = new byte[3 * TestClusters.CHUNK + 12_345];
        new Random(7).nextBytes(content);
        Form form = new Form()
                .field("key", "uploads/${filename}")
                .field("Content-Type", "image/png")
                .field("x-amz-meta-origin", "browser")
                .field("Cache-Control", "max-age=60")
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "uploads/"),
                        Map.of("Content-Type", "image/png"), List.of("eq", "$x-amz-meta-origin", "browser"),
                        List.of("starts-with", "$Cache-Control", ""), List.of("content-length-range", 1, 16 << 20)))
                .file("photos/cat.png", content)
                // After the file: S3 ignores it, so no condition has to name it and it changes nothing.
                .field("key", "elsewhere")
                .field("submit", "Upload");

        HttpResponse<String> response = form.post(PRIVATE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(b -> b.bucket(PRIVATE).key("uploads/cat.png"));
        assertThat(stored.asByteArray()).isEqualTo(content);
        assertThat(stored.response().contentType()).isEqualTo("image/png");
        assertThat(stored.response().cacheControl()).isEqualTo("max-age=60");
        assertThat(stored.response().metadata()).containsEntry("origin", "browser");
        assertThat(response.headers().firstValue("ETag")).contains(stored.response().eTag());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/" + PRIVATE + "/uploads%2Fcat.png"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(PRIVATE).key("elsewhere")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void theAnswerIsTheStatusOrRedirectTheFormAsksFor() throws Exception {
        HttpResponse<String> created = new Form().field("key", "status/201").field("success_action_status", "201")
                .signed(PRIVATE, List.of(Map.of("key", "status/201"), Map.of("success_action_status", "201")))
                .file("a.txt", "created".getBytes(StandardCharsets.UTF_8)).post(PRIVATE);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("<PostResponse>", "<Bucket>forms</Bucket>", "<Key>status/201</Key>",
                "<ETag>\"", "/forms/status%2F201</Location>");

        HttpResponse<String> ok = new Form().field("key", "status/200").field("success_action_status", "200")
                .signed(PRIVATE, List.of(Map.of("key", "status/200"), Map.of("success_action_status", "200")))
                .file("a.txt", new byte[] {1}).post(PRIVATE);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();

        HttpResponse<String> notAStatus = new Form().field("key", "status/404").field("success_action_status", "404")
                .signed(PRIVATE, List.of(Map.of("key", "status/404"), Map.of("success_action_status", "404")))
                .file("a.txt", new byte[] {1}).post(PRIVATE);
        assertThat(notAStatus.statusCode()).as("a status S3 does not offer is its default").isEqualTo(204);

        String back = "https://app.example/done?upload=1";
        HttpResponse<String> redirected = new Form().field("key", "status/see other")
                .field("success_action_redirect", back)
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "status/"),
                        List.of("starts-with", "$success_action_redirect", "https://app.example/")))
                .file("a.txt", "moved".getBytes(StandardCharsets.UTF_8)).post(PRIVATE);
        assertThat(redirected.statusCode()).isEqualTo(303);
        String etag = s3.headObject(b -> b.bucket(PRIVATE).key("status/see other")).eTag();
        String location = redirected.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(back + "&bucket=forms&key=status%2Fsee+other&etag=");
        assertThat(URLDecoder.decode(location.substring(location.indexOf("&etag=") + 6), StandardCharsets.UTF_8))
                .isEqualTo(etag);
    }

    @Test
    void anExpiredPolicyIsDeniedAndNothingStored() throws Exception {
        HttpResponse<String> response = new Form().field("key", "expired")
                .signed(PRIVATE, Instant.now().minusSeconds(60), List.of(Map.of("key", "expired")))
                .file("a.txt", new byte[] {1}).post(PRIVATE);

        assertError(response, 403, "AccessDenied", "Invalid according to Policy: Policy expired.");
        assertNotStored(PRIVATE, "expired");
    }

    @Test
    void aFieldTheConditionsRefuseOrDoNotNameIsDenied() throws Exception {
        HttpResponse<String> outside = new Form().field("key", "private/x")
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "uploads/")))
                .file("a.txt", new byte[] {1}).post(PRIVATE);
        assertError(outside, 403, "AccessDenied",
                "Policy Condition failed: [\"starts-with\", \"$key\", \"uploads/\"]");
        assertNotStored(PRIVATE, "private/x");

        HttpResponse<String> extra = new Form().field("key", "uploads/y").field("x-amz-meta-sneaky", "1")
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "uploads/")))
                .file("a.txt", new byte[] {1}).post(PRIVATE);
        assertError(extra, 403, "AccessDenied", "Extra input fields: x-amz-meta-sneaky");

        HttpResponse<String> otherBucket = new Form().field("key", "uploads/z")
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "uploads/")))
                .file("a.txt", new byte[] {1}).post(DROPBOX);
        assertError(otherBucket, 403, "AccessDenied", "[\"eq\", \"$bucket\", \"forms\"]");
    }

    @Test
    void aFileOutsideTheContentLengthRangeIsRefusedAndNothingIsStored() throws Exception {
        List<Object> conditions = List.of(Map.of("key", "sized"), List.of("content-length-range", 10, 2 * 1024));
        HttpResponse<String> large = new Form().field("key", "sized").signed(PRIVATE, conditions)
                .file("a.bin", new byte[2 * TestClusters.CHUNK]).post(PRIVATE);
        assertError(large, 400, "EntityTooLarge", "exceeds the maximum allowed size");
        assertNotStored(PRIVATE, "sized");

        HttpResponse<String> small = new Form().field("key", "sized").signed(PRIVATE, conditions)
                .file("a.bin", new byte[9]).post(PRIVATE);
        assertError(small, 400, "EntityTooSmall", "smaller than the minimum allowed size");
        assertNotStored(PRIVATE, "sized");
    }

    @Test
    void anUnsignedFormIsAnonymousAllowedOnlyWhereAnyoneMayWrite() throws Exception {
        HttpResponse<String> refused = new Form().field("key", "anon").file("a.txt", new byte[] {1}).post(PRIVATE);
        assertError(refused, 403, "AccessDenied", "");
        assertNotStored(PRIVATE, "anon");

        HttpResponse<String> dropped = new Form().field("key", "anon").field("acl", "public-read")
                .file("a.txt", "anyone".getBytes(StandardCharsets.UTF_8)).post(DROPBOX);
        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(DROPBOX).key("anon")).asUtf8String()).isEqualTo("anyone");
        HttpResponse<String> read = BROWSER.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + "/"
                + DROPBOX + "/anon")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as("the form's acl field is the object's ACL").isEqualTo(200);
    }

    @Test
    void theTaggingFieldIsATaggingDocumentThatGivesTheObjectItsTags() throws Exception {
        HttpResponse<String> tagged = new Form().field("key", "tagged").field("tagging", "<Tagging><TagSet>"
                + "<Tag><Key>b</Key><Value>2</Value></Tag><Tag><Key>a</Key><Value>x y</Value></Tag></TagSet></Tagging>")
                .file("a.txt", new byte[] {1}).post(DROPBOX);
        assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(204);
        assertThat(s3.getObjectTagging(b -> b.bucket(DROPBOX).key("tagged")).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("a=x y", "b=2");

        assertError(new Form().field("key", "untagged").field("tagging", "a=1").file("a.txt", new byte[] {1})
                .post(DROPBOX), 400, "MalformedXML", "");
        assertError(new Form().field("key", "untagged").field("tagging", "<Tagging><TagSet><Tag><Key>aws:x</Key>"
                + "<Value>1</Value></Tag></TagSet></Tagging>").file("a.txt", new byte[] {1}).post(DROPBOX), 400,
                "InvalidTag", "");
        assertNotStored(DROPBOX, "untagged");
    }

    @Test
    void aWrongSignatureOrAMissingKeyIsRefused() throws Exception {
        Form tampered = new Form().field("key", "uploads/t")
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "uploads/")))
                .file("a.txt", new byte[] {1});
        tampered.fields.put("X-Amz-Signature", "0".repeat(64));
        assertError(tampered.post(PRIVATE), 403, "SignatureDoesNotMatch", "");

        HttpResponse<String> keyAfterFile = new Form()
                .signed(PRIVATE, List.of(List.of("starts-with", "$key", "")))
                .file("a.txt", new byte[] {1}).field("key", "late").post(PRIVATE);
        assertError(keyAfterFile, 400, "InvalidArgument", "must contain a field named 'key'");
        assertNotStored(PRIVATE, "late");
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>").contains(message);
    }

    private static void assertNotStored(String bucket, String key) {
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    /** A multipart/form-data body built part by part, in order, as a browser sends it. */
    private static final class Form {
        private static final String BOUNDARY = "----cairnFormBoundaryq3Xz9";
        /** The fields before the file, as a browser holds its inputs (a test changes one after signing). */
        final Map<String, String> fields = new LinkedHashMap<>();
        private final List<Consumer<ByteArrayOutputStream>> after = new ArrayList<>();
        private String fileName;
        private byte[] file;

        Form field(String name, String value) {
            if (file == null) {
                fields.put(name, value);
            } else {
                after.add(out -> part(out, name, null, value.getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        Form signed(String bucket, List<Object> conditions) throws Exception {
            return signed(bucket, Instant.now().plus(1, ChronoUnit.HOURS), conditions);
        }

        /** Adds a Signature V4 policy with these conditions and the ones on the bucket and the credential. */
        Form signed(String bucket, Instant expiration, List<Object> conditions) throws Exception {
            Instant now = Instant.now();
            String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
            String credential = TestClusters.ROOT_KEY + "/" + date.substring(0, 8) + "/" + REGION
                    + "/s3/aws4_request";
            List<Object> all = new ArrayList<>(conditions);
            all.add(Map.of("bucket", bucket));
            all.add(Map.of("x-amz-algorithm", "AWS4-HMAC-SHA256"));
            all.add(Map.of("x-amz-credential", credential));
            all.add(Map.of("x-amz-date", date));
            Map<String, Object> document = Map.of("expiration", expiration.truncatedTo(ChronoUnit.MILLIS).toString(),
                    "conditions", all);
            String policy = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(document));
            byte[] key = hmac(("AWS4" + TestClusters.ROOT_SECRET).getBytes(StandardCharsets.UTF_8),
                    date.substring(0, 8));
            for (String scope : List.of(REGION, "s3", "aws4_request")) {
                key = hmac(key, scope);
            }
            fields.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
            fields.put("X-Amz-Credential", credential);
            fields.put("X-Amz-Date", date);
            fields.put("Policy", policy);
            fields.put("X-Amz-Signature", HexFormat.of().formatHex(hmac(key, policy)));
            return this;
        }

        Form file(String name, byte[] content) {
            this.fileName = name;
            this.file = content;
            return this;
        }

        HttpResponse<String> post(String bucket) throws Exception {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            fields.forEach((name, value) -> part(body, name, null, value.getBytes(StandardCharsets.UTF_8)));
            part(body, "file", fileName, file);
            after.forEach(part -> part.accept(body));
            body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.s3Url() + "/" + bucket))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
        }

        private static void part(ByteArrayOutputStream out, String name, String fileName, byte[] content) {
            String disposition = "form-data; name=\"" + name + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }

        private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
    }
}
