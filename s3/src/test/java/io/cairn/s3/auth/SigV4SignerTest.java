package io.cairn.s3.auth;

import static io.cairn.s3.auth.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signer reproduces the S3 reference's worked examples, and what it signs the verifier accepts. */
class SigV4SignerTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Signer signer = new SigV4Signer(ACCESS_KEY, SECRET, "us-east-1");

    @Test
    void reproducesTheReferenceExamples() {
        Map<String, String> lifecycle = signer.sign(request("GET", "/").query("lifecycle", "").at(TIME)
                .header("Host", "examplebucket.s3.amazonaws.com").build(), EMPTY_SHA256);
        Map<String, String> list = signer.sign(request("GET", "/").query("prefix", "J").query("max-keys", "2")
                .at(TIME).header("Host", "examplebucket.s3.amazonaws.com").build(), EMPTY_SHA256);

        assertThat(lifecycle).containsEntry("x-amz-date", "20130524T000000Z")
                .containsEntry("x-amz-content-sha256", EMPTY_SHA256)
                .containsEntry("authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY
                        + "/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                        + "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
        assertThat(list.get("authorization"))
                .endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void anUnsignedPayloadWithExtraAmzHeadersVerifies() {
        Requests put = request("PUT", "/bucket/a key/ü").at(TIME.plusMillis(1500)).header("Host", "localhost:9000")
                .header("x-amz-meta-run", "7").header("Content-Length", "4096");
        Map<String, String> added = signer.sign(put.build(), "UNSIGNED-PAYLOAD");
        added.forEach(put::header);

        Authenticated auth = new SigV4Verifier(id -> Optional.of(SECRET)).verify(put.build());

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(added.get("authorization")).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-meta-run,");
    }
}
