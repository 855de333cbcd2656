package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Per-bucket CORS rules set through the AWS SDK, and what browsers meet: preflights and actual requests carrying
 * {@code Origin}, sent as a browser sends them (the JDK client, no credentials on a preflight).
 */
class S3CorsIT extends SharedClusterTest {
    private static final HttpClient BROWSER = HttpClient.newHttpClient();
    private static final String APP = "https://www.app.example";
    private static final String ELSEWHERE = "https://elsewhere.example";
    private static final CORSRule UPLOADS = CORSRule.builder().id("uploads").allowedOrigins("https://*.app.example")
            .allowedMethods("PUT", "POST").allowedHeaders("Content-Type", "x-amz-*").exposeHeaders("ETag")
            .maxAgeSeconds(600).build();
    private static final CORSRule READS = CORSRule.builder().allowedOrigins("*").allowedMethods("GET", "HEAD").build();
    private static final String OPEN_TO_ALL = "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>"
            + "<AllowedMethod>DELETE</AllowedMethod></CORSRule></CORSConfiguration>";
    private static S3Client s3;
    private static S3Presigner presigner;

    @BeforeAll
    static void clients() {
        s3 = S3Clients.sync(cluster.s3Url(), true, false);
        presigner = S3Clients.presigner(cluster.s3Url());
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        presigner.close();
    }

    private static void setRules(String bucket, CORSRule... rules) {
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(rules)));
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.s3Url() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin);
        if (method != null) {
            request.header("Access-Control-Request-Method", method);
        }
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> browserRequest(URI uri, String method, String origin) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(uri).header("Origin", origin).method(method,
                method.equals("PUT") ? HttpRequest.BodyPublishers.ofString("from a page")
                        : HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String allowedOrigin(HttpResponse<?> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.statusCode() + " " + e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void rulesAreSetReadAndDeleted() {
        s3.createBucket(b -> b.bucket("cors-rules"));
        assertThat(errorCode(() -> s3.getBucketCors(b -> b.bucket("cors-rules"))))
                .isEqualTo("404 NoSuchCORSConfiguration");
        setRules("cors-rules", UPLOADS, READS);
        assertThat(s3.getBucketCors(b -> b.bucket("cors-rules")).corsRules()).containsExactly(UPLOADS, READS);
        setRules("cors-rules", READS);
        assertThat(s3.getBucketCors(b -> b.bucket("cors-rules")).corsRules()).containsExactly(READS);

        s3.deleteBucketCors(b -> b.bucket("cors-rules"));
        assertThat(errorCode(() -> s3.getBucketCors(b -> b.bucket("cors-rules"))))
                .isEqualTo("404 NoSuchCORSConfiguration");
        s3.deleteBucketCors(b -> b.bucket("cors-rules"));
        assertThat(errorCode(() -> s3.getBucketCors(b -> b.bucket("no-such-cors-bucket"))))
                .isEqualTo("404 NoSuchBucket");
        assertThat(errorCode(() -> setRules("no-such-cors-bucket", READS))).isEqualTo("404 NoSuchBucket");
    }

    @Test
    void preflightsMeetTheFirstRuleAllowingOriginMethodAndHeaders() throws Exception {
        s3.createBucket(b -> b.bucket("cors-app"));
        setRules("cors-app", UPLOADS, READS);

        var upload = preflight("/cors-app/photos/a.jpg", APP, "PUT", "Content-Type, X-Amz-Date");
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.headers().map()).containsEntry("Access-Control-Allow-Origin", List.of(APP))
                .containsEntry("Access-Control-Allow-Credentials", List.of("true"))
                .containsEntry("Access-Control-Allow-Methods", List.of("PUT, POST"))
                .containsEntry("Access-Control-Allow-Headers", List.of("Content-Type, X-Amz-Date"))
                .containsEntry("Access-Control-Expose-Headers", List.of("ETag"))
                .containsEntry("Access-Control-Max-Age", List.of("600"));
        assertThat(upload.headers().firstValue("Vary").orElseThrow()).contains("Origin");

        // The wildcard rule answers any origin with *, which lets a page send no credentials.
        var read = preflight("/cors-app/photos/a.jpg", ELSEWHERE, "GET", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(allowedOrigin(read)).isEqualTo("*");
        assertThat(read.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(read.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD");

        for (var refused : List.of(preflight("/cors-app/photos/a.jpg", ELSEWHERE, "PUT", null),
                preflight("/cors-app/photos/a.jpg", APP, "DELETE", null),
                preflight("/cors-app", APP, "PUT", "authorization"),
                preflight("/cors-app/photos/a.jpg", "https://app.example.evil", "PUT", null))) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("<Code>AccessForbidden</Code>").contains("CORSResponse");
            assertThat(allowedOrigin(refused)).isNull();
        }
        var incomplete = preflight("/cors-app/photos/a.jpg", APP, null, null);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("<Code>InvalidRequest</Code>");
    }

    @Test
    void actualRequestsGetTheMatchingRulesHeadersAndNothingElse() throws Exception {
        s3.createBucket(b -> b.bucket("cors-actual"));
        s3.putObject(b -> b.bucket("cors-actual").key("page.txt"), RequestBody.fromString("hello"));
        setRules("cors-actual", UPLOADS, READS);
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(r -> r.bucket("cors-actual").key("upload.txt"))).url().toURI();
        URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(r -> r.bucket("cors-actual").key("page.txt"))).url().toURI();

        var uploaded = browserRequest(put, "PUT", APP);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(allowedOrigin(uploaded)).isEqualTo(APP);
        assertThat(uploaded.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
        var downloaded = browserRequest(get, "GET", APP);
        assertThat(downloaded.body()).isEqualTo("hello");
        assertThat(allowedOrigin(downloaded)).isEqualTo("*");

        // No rule lets this origin PUT: the request is served (its signature allows it), but the page may not read it.
        var foreign = browserRequest(put, "PUT", ELSEWHERE);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(allowedOrigin(foreign)).isNull();
        assertThat(foreign.headers().firstValue("Vary").orElseThrow()).contains("Origin");

        // A refusal carries the rule's headers too, so the page can read why.
        var anonymous = browserRequest(URI.create(cluster.s3Url() + "/cors-actual/page.txt"), "GET", APP);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(allowedOrigin(anonymous)).isEqualTo("*");
        var withoutOrigin = BROWSER.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutOrigin.headers().map().keySet())
                .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("access-control"));
    }

    /** MinIO's default: a bucket without rules, one that does not exist and the service answer every origin. */
    @Test
    void bucketsWithoutRulesAndTheServiceStayOpen() throws Exception {
        for (String path : List.of("/default/any/key", "/no-such-bucket-anywhere/key", "/")) {
            var open = preflight(path, ELSEWHERE, "DELETE", "x-custom");
            assertThat(open.statusCode()).as(path).isEqualTo(200);
            assertThat(allowedOrigin(open)).as(path).isEqualTo(ELSEWHERE);
            assertThat(open.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("DELETE");
            assertThat(open.headers().firstValue("Access-Control-Allow-Headers")).contains("x-custom");
        }
        var listing = BROWSER.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + "/default"))
                .header("Origin", ELSEWHERE).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).isEqualTo(403);
        assertThat(allowedOrigin(listing)).isEqualTo(ELSEWHERE);
    }

    @Test
    void deletingTheRulesOrTheBucketReopensIt() throws Exception {
        s3.createBucket(b -> b.bucket("cors-gone"));
        setRules("cors-gone", READS);
        assertThat(preflight("/cors-gone/k", APP, "DELETE", null).statusCode()).isEqualTo(403);
        s3.deleteBucketCors(b -> b.bucket("cors-gone"));
        // This gateway forgets the rules at once; others within a few seconds.
        assertThat(allowedOrigin(preflight("/cors-gone/k", APP, "DELETE", null))).isEqualTo(APP);

        setRules("cors-gone", READS);
        s3.deleteBucket(b -> b.bucket("cors-gone"));
        s3.createBucket(b -> b.bucket("cors-gone"));
        assertThat(errorCode(() -> s3.getBucketCors(b -> b.bucket("cors-gone"))))
                .isEqualTo("404 NoSuchCORSConfiguration");
        assertThat(allowedOrigin(preflight("/cors-gone/k", APP, "DELETE", null))).isEqualTo(APP);
    }

    @Test
    void malformedConfigurationsAreRefusedAndNothingIsStored() throws Exception {
        s3.createBucket(b -> b.bucket("cors-bad"));
        setRules("cors-bad", READS);
        Map<String, CORSRule> refused = Map.of(
                "400 InvalidRequest", READS.toBuilder().allowedMethods("PATCH").build(),
                "400 MalformedXML", CORSRule.builder().allowedMethods("GET").build());
        refused.forEach((error, rule) -> assertThat(errorCode(() -> setRules("cors-bad", rule))).isEqualTo(error));
        assertThat(errorCode(() -> setRules("cors-bad", READS.toBuilder().allowedOrigins("https://*.*.example")
                .build()))).isEqualTo("400 InvalidRequest");
        assertThat(errorCode(() -> setRules("cors-bad", Collections.nCopies(101, READS).toArray(CORSRule[]::new))))
                .isEqualTo("400 InvalidRequest");
        byte[] notXml = "<CORSConfiguration><CORSRule>".getBytes(StandardCharsets.UTF_8);
        var signed = SigV4Requests.sign(SdkHttpMethod.PUT, URI.create(cluster.s3Url() + "/cors-bad?cors"), Map.of(),
                notXml, SigV4Requests.sha256(notXml), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET, false);
        var malformed = SigV4Requests.send(http, signed, notXml);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(new String(malformed.body(), StandardCharsets.UTF_8)).contains("<Code>MalformedXML</Code>");

        var anonymous = BROWSER.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + "/cors-bad?cors"))
                .PUT(HttpRequest.BodyPublishers.ofString(OPEN_TO_ALL)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
        assertThat(s3.getBucketCors(b -> b.bucket("cors-bad")).corsRules()).containsExactly(READS);
    }

    @Test
    void onlyTheOwnerMayReadOrChangeTheRules() {
        s3.createBucket(b -> b.bucket("cors-owned"));
        setRules("cors-owned", READS);
        assertThat(http.postJson("/admin/users", Map.of("name", "cors-other", "policies", List.of("own-buckets")))
                .status()).isEqualTo(201);
        JsonNode key = http.postJson("/admin/keys", Map.of("user", "cors-other")).json();
        try (S3Client other = S3Clients.as(cluster.s3Url(), key.get("access_key").asText(),
                key.get("secret_key").asText())) {
            assertThat(errorCode(() -> other.putBucketCors(b -> b.bucket("cors-owned")
                    .corsConfiguration(c -> c.corsRules(UPLOADS))))).isEqualTo("403 AccessDenied");
            assertThat(errorCode(() -> other.deleteBucketCors(b -> b.bucket("cors-owned"))))
                    .isEqualTo("403 AccessDenied");
            assertThat(errorCode(() -> other.getBucketCors(b -> b.bucket("cors-owned"))))
                    .isEqualTo("403 AccessDenied");
        }
        assertThat(s3.getBucketCors(b -> b.bucket("cors-owned")).corsRules()).containsExactly(READS);
    }
}
