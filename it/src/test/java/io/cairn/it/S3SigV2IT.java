package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 API signed with AWS Signature Version 2, as the old clients sign it (computed here with the JDK's HMAC, as
 * the SDKs no longer offer it): in the Authorization header, path-style and virtual-hosted, and presigned; and the
 * refusals, after which a refused upload has stored nothing.
 */
class S3SigV2IT extends SharedClusterTest {
    private static final String BUCKET = "sigv2";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Clients.sync(cluster.s3Url(), true, false);
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void aV2ClientCreatesABucketAndPutsGetsListsAndDeletesObjects() throws Exception {
        assertThat(send(v2("PUT", "/v2-objects", "/v2-objects/")).statusCode()).isEqualTo(200);

        String rawKey = "/v2-objects/dir/a%20b%2Bc.txt";
        byte[] body = "hello, signature version 2".getBytes(StandardCharsets.UTF_8);
        var put = send(v2("PUT", rawKey, rawKey).header("Content-Type", "text/plain")
                .header("Content-MD5", md5(body)).header("X-Amz-Meta-Colour", "blue").body(body));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        var get = send(v2("GET", rawKey, rawKey));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello, signature version 2");
        assertThat(get.headers().firstValue("x-amz-meta-colour")).contains("blue");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("v2-objects").key("dir/a b+c.txt")).asByteArray())
                .isEqualTo(body);

        var list = send(v2("GET", "/v2-objects?list-type=2&prefix=dir%2F", "/v2-objects/"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<Key>dir/a b+c.txt</Key>");

        // A subresource is signed with the resource: ?acl.
        var acl = send(v2("GET", rawKey + "?acl", rawKey + "?acl"));
        assertThat(acl.statusCode()).as(acl.body()).isEqualTo(200);
        assertThat(acl.body()).contains("<AccessControlPolicy");

        assertThat(send(v2("DELETE", rawKey, rawKey)).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("v2-objects").key("dir/a b+c.txt")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aVirtualHostedRequestSignsTheBucketItsHostNames() throws Exception {
        s3.createBucket(b -> b.bucket(BUCKET));
        String host = cluster.s3Url().replace("127.0.0.1", BUCKET + ".localhost");
        var put = send(v2("PUT", "/hosted.txt", "/" + BUCKET + "/hosted.txt").at(host)
                .header("x-amz-date", HTTP_DATE.format(Instant.now())).header("Date", "").body(bytes("hosted")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        var list = send(v2("GET", "/?list-type=2", "/" + BUCKET + "/").at(host));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("<Key>hosted.txt</Key>");
    }

    @Test
    void aPresignedV2UrlReadsUntilItExpires() throws Exception {
        s3.createBucket(b -> b.bucket("v2-presigned"));
        s3.putObject(b -> b.bucket("v2-presigned").key("shared.txt"), RequestBody.fromString("shared"));
        String path = "/v2-presigned/shared.txt";

        var get = CLIENT.send(HttpRequest.newBuilder(presigned(path, Instant.now().plusSeconds(60), TestClusters
                .ROOT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("shared");

        var expired = CLIENT.send(HttpRequest.newBuilder(presigned(path, Instant.now().minusSeconds(1),
                TestClusters.ROOT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(expired, 403, "AccessDenied");
        assertThat(expired.body()).contains("Request has expired");

        var forged = CLIENT.send(HttpRequest.newBuilder(presigned(path, Instant.now().plusSeconds(60),
                "not-the-secret")).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(forged, 403, "SignatureDoesNotMatch");
    }

    @Test
    void refusedUploadsStoreNothing() throws Exception {
        s3.createBucket(b -> b.bucket("v2-refused"));
        String path = "/v2-refused/refused.txt";
        byte[] body = bytes("refused");

        assertRefused(send(v2("PUT", path, path).secret("not-the-secret").body(body)), 403, "SignatureDoesNotMatch");
        assertRefused(send(v2("PUT", path, path).accessKey("AKIDUNKNOWN").body(body)), 403, "InvalidAccessKeyId");
        assertRefused(send(v2("PUT", path, path).header("Date", HTTP_DATE.format(Instant.now().minus(
                Duration.ofMinutes(20)))).body(body)), 403, "RequestTimeTooSkewed");
        assertRefused(send(v2("PUT", path, path).header("Date", "").body(body)), 403, "AccessDenied");
        assertRefused(send(v2("PUT", path, path).header("Content-MD5", md5(bytes("other"))).body(body)), 400,
                "BadDigest");
        assertRefused(send(v2("PUT", path, path).header("Content-MD5", "AWS HAHAHA").body(body)), 400,
                "InvalidDigest");
        assertRefused(send(v2("PUT", path, path).authorization("AWS HAHAHA").body(body)), 400, "InvalidArgument");
        // A signed header changed on the way breaks the signature.
        assertRefused(send(v2("PUT", path, path).header("x-amz-meta-owner", "alice").tamper("x-amz-meta-owner",
                "mallory").body(body)), 403, "SignatureDoesNotMatch");

        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("v2-refused").key("refused.txt")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private static V2Request v2(String method, String rawPathAndQuery, String resource) {
        return new V2Request(method, rawPathAndQuery, resource);
    }

    private static HttpResponse<String> send(V2Request request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>");
    }

    /** {@code ?AWSAccessKeyId=&Expires=&Signature=}, signing {@code GET\n\n\n<expires>\n<path>}. */
    private static URI presigned(String path, Instant expires, String secret) {
        long epoch = expires.getEpochSecond();
        String signature = sign(secret, "GET\n\n\n" + epoch + "\n" + path);
        return URI.create(cluster.s3Url() + path + "?AWSAccessKeyId=" + TestClusters.ROOT_KEY + "&Expires=" + epoch
                + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8));
    }

    private static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(byte[] body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One request signed as a SigV2 client signs it: {@code VERB\nContent-MD5\nContent-Type\nDate\n}, the x-amz-*
     * headers sorted, then the resource. An empty header value leaves the header out of the request.
     */
    private static final class V2Request {
        private final String method;
        private final String rawPathAndQuery;
        private final String resource;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> tampered = new LinkedHashMap<>();
        private String base = cluster.s3Url();
        private String accessKey = TestClusters.ROOT_KEY;
        private String secret = TestClusters.ROOT_SECRET;
        private String authorization;
        private byte[] body;

        V2Request(String method, String rawPathAndQuery, String resource) {
            this.method = method;
            this.rawPathAndQuery = rawPathAndQuery;
            this.resource = resource;
            headers.put("Date", HTTP_DATE.format(Instant.now()));
        }

        V2Request at(String base) {
            this.base = base;
            return this;
        }

        V2Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Sends {@code value} for a header signed with another. */
        V2Request tamper(String name, String value) {
            tampered.put(name, value);
            return this;
        }

        V2Request accessKey(String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        V2Request secret(String secret) {
            this.secret = secret;
            return this;
        }

        V2Request authorization(String authorization) {
            this.authorization = authorization;
            return this;
        }

        V2Request body(byte[] body) {
            this.body = body;
            return this;
        }

        HttpRequest build() {
            String amzHeaders = headers.entrySet().stream()
                    .filter(h -> h.getKey().toLowerCase(Locale.ROOT).startsWith("x-amz-"))
                    .map(h -> h.getKey().toLowerCase(Locale.ROOT) + ":" + h.getValue() + "\n")
                    .sorted().collect(Collectors.joining());
            String date = headers.containsKey("x-amz-date") ? "" : headers.get("Date");
            String stringToSign = method + "\n" + headers.getOrDefault("Content-MD5", "") + "\n"
                    + headers.getOrDefault("Content-Type", "") + "\n" + date + "\n" + amzHeaders + resource;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPathAndQuery))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Authorization", authorization != null ? authorization
                            : "AWS " + accessKey + ":" + sign(secret, stringToSign));
            headers.putAll(tampered);
            headers.forEach((name, value) -> {
                if (!value.isEmpty()) {
                    request.header(name, value);
                }
            });
            return request.build();
        }
    }
}
