package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.app.LocalCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The REST API signed with AWS Signature V4 by the AWS SDK's own signer: in the header with the body's hash, with
 * {@code UNSIGNED-PAYLOAD}, and presigned; a body that is not what was signed commits nothing.
 */
class RestSigV4IT {
    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
        http = new Http(cluster.url());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void anUploadSignedWithItsHashIsStoredAndReadBackSigned() throws Exception {
        byte[] body = "signed with sigv4".getBytes(StandardCharsets.UTF_8);
        Http.Response put = send(sign(SdkHttpMethod.PUT, Http.file("sig/one.txt"), body, sha256(body),
                TestClusters.ROOT_SECRET, false), body);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        Http.Response get = send(sign(SdkHttpMethod.GET, Http.file("sig/one.txt"), new byte[0],
                sha256(new byte[0]), TestClusters.ROOT_SECRET, false), null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
    }

    @Test
    void aBodyThatIsNotWhatWasSignedCommitsNothing() throws Exception {
        byte[] signedBody = "what was signed".getBytes(StandardCharsets.UTF_8);
        byte[] sentBody = "what was sent!!".getBytes(StandardCharsets.UTF_8);
        Http.Response put = send(sign(SdkHttpMethod.PUT, Http.file("sig/forged.txt"), signedBody,
                sha256(signedBody), TestClusters.ROOT_SECRET, false), sentBody);
        expectError(put, 400, "CHECKSUM_MISMATCH");
        assertThat(http.get(Http.file("sig/forged.txt")).status()).isEqualTo(404);
    }

    @Test
    void unsignedPayloadAndPresignedUrlsWorkAndAWrongSecretIsRefused() throws Exception {
        byte[] body = "unsigned payload".getBytes(StandardCharsets.UTF_8);
        assertThat(send(sign(SdkHttpMethod.PUT, Http.file("sig/two.txt"), body, "UNSIGNED-PAYLOAD",
                TestClusters.ROOT_SECRET, false), body).status()).isEqualTo(201);

        SdkHttpRequest presigned = sign(SdkHttpMethod.GET, Http.file("sig/two.txt"), new byte[0],
                "UNSIGNED-PAYLOAD", TestClusters.ROOT_SECRET, true);
        assertThat(presigned.getUri().getRawQuery()).contains("X-Amz-Signature=");
        Http.Response get = send(presigned, null);
        assertThat(get.status()).as(get.toString()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);

        expectError(send(sign(SdkHttpMethod.GET, Http.file("sig/two.txt"), new byte[0], sha256(new byte[0]),
                "not-the-secret", false), null), 401, "UNAUTHORIZED");
        expectError(send(sign(SdkHttpMethod.GET, "/admin/users", new byte[0], sha256(new byte[0]),
                "not-the-secret", false), null), 401, "UNAUTHORIZED");

        SdkHttpRequest withoutHash = sign(SdkHttpMethod.GET, "/buckets", new byte[0], sha256(new byte[0]),
                TestClusters.ROOT_SECRET, false).toBuilder().removeHeader("x-amz-content-sha256").build();
        Http.Response refused = send(withoutHash, null);
        expectError(refused, 400, "BAD_REQUEST");
        assertThat(refused.json().get("message").asText()).contains("UNSIGNED-PAYLOAD");
    }

    private static SdkHttpRequest sign(SdkHttpMethod method, String path, byte[] body, String contentSha256,
                                       String secret, boolean presign) {
        return SigV4Requests.sign(method, URI.create(cluster.url() + path), Map.of(), body, contentSha256,
                TestClusters.ROOT_KEY, secret, presign);
    }

    private static Http.Response send(SdkHttpRequest signed, byte[] body) throws Exception {
        return SigV4Requests.send(http, signed, body);
    }

    private static String sha256(byte[] body) {
        return SigV4Requests.sha256(body);
    }
}
