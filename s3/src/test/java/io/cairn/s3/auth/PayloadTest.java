package io.cairn.s3.auth;

import static io.cairn.s3.auth.SdkSigning.request;
import static io.cairn.s3.auth.SdkSigning.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import io.cairn.s3.auth.SdkSigning.Signed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/** The x-amz-checksum-* headers a request declares for its body, signed like any other header. */
class PayloadTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final String HELLO_CRC32 = "NhCmhg==";

    private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.SECRETS);

    @Test
    void aChecksumHeaderIsVerifiedAgainstTheBody() throws IOException {
        VerifiedBody body = open(put().putHeader("x-amz-checksum-crc32", HELLO_CRC32), HELLO);

        assertThat(body.readAllBytes()).isEqualTo(HELLO);
        assertThat(body.checksum()).contains(new ChecksumValue(ChecksumAlgorithm.CRC32, HELLO_CRC32));
    }

    @Test
    void aChecksumHeaderThatDoesNotMatchIsABadDigest() {
        VerifiedBody body = open(put().putHeader("x-amz-checksum-crc32", "AAAAAA=="), HELLO);

        assertThatThrownBy(body::readAllBytes).isInstanceOf(S3Exception.class)
                .hasMessage("The x-amz-checksum-crc32 you specified did not match the calculated checksum.")
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.BadDigest));
    }

    @Test
    void checksumHeadersRefusedBeforeTheBody() {
        assertRefused(put().putHeader("x-amz-checksum-crc32", "not base64!"), S3Error.BadDigest);
        assertRefused(put().putHeader("x-amz-checksum-sha256", "bad"), S3Error.BadDigest);
        assertRefused(put().putHeader("x-amz-checksum-crc32", "AAAA"), S3Error.BadDigest);
        assertRefused(put().putHeader("x-amz-checksum-crc32", HELLO_CRC32)
                .putHeader("x-amz-checksum-crc32c", "mnG7TA=="), S3Error.InvalidRequest);
    }

    @Test
    void completeMultipartUploadsChecksumIsTheObjectsNotTheBodys() throws IOException {
        VerifiedBody body = open(request(SdkHttpMethod.POST, "http", "k").putRawQueryParameter("uploadId", "u1")
                .putHeader("x-amz-checksum-crc32", "AAAAAA=="), HELLO);

        assertThat(body.readAllBytes()).isEqualTo(HELLO);
        assertThat(body.checksum()).isEmpty();
    }

    @Test
    void aTrailerMustBeAnnouncedAndAChecksum() {
        assertRefusedBeforeTheBody(Requests.request("PUT", "/b/k").header("x-amz-trailer", "x-amz-meta-late"),
                PayloadMode.STREAMING_SIGNED_TRAILER, S3Error.InvalidRequest);
        assertRefusedBeforeTheBody(Requests.request("PUT", "/b/k"), PayloadMode.STREAMING_UNSIGNED_TRAILER,
                S3Error.InvalidRequest);
        assertRefusedBeforeTheBody(Requests.request("PUT", "/b/k").header("x-amz-trailer", "x-amz-checksum-crc32")
                .header("x-amz-checksum-crc32", HELLO_CRC32), PayloadMode.STREAMING_UNSIGNED_TRAILER,
                S3Error.InvalidRequest);
    }

    @Test
    void theDecodedLengthMustBeANumber() {
        assertRefusedBeforeTheBody(Requests.request("PUT", "/b/k").header("x-amz-decoded-content-length", "-1"),
                PayloadMode.STREAMING_SIGNED, S3Error.InvalidArgument);
        assertRefusedBeforeTheBody(Requests.request("PUT", "/b/k").header("x-amz-decoded-content-length", "many"),
                PayloadMode.STREAMING_SIGNED, S3Error.InvalidArgument);
    }

    private static void assertRefusedBeforeTheBody(Requests request, PayloadMode mode, S3Error error) {
        assertThatThrownBy(() -> Payload.of(request.build(), mode, "unused", null)).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(error));
    }

    private static SdkHttpFullRequest.Builder put() {
        return request(SdkHttpMethod.PUT, "http", "k");
    }

    private VerifiedBody open(SdkHttpFullRequest.Builder request, byte[] body) {
        Signed signed = sign(request, body, r -> {
        });
        return verifier.verify(signed.request()).payload().open(new ByteArrayInputStream(signed.body()));
    }

    private void assertRefused(SdkHttpFullRequest.Builder request, S3Error error) {
        Signed signed = sign(request, HELLO, r -> {
        });
        assertThatThrownBy(() -> verifier.verify(signed.request())).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(error));
    }
}
