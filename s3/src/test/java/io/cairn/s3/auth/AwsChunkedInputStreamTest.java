package io.cairn.s3.auth;

import static io.cairn.s3.auth.SdkSigning.randomBytes;
import static io.cairn.s3.auth.SdkSigning.request;
import static io.cairn.s3.auth.SdkSigning.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import io.cairn.s3.auth.SdkSigning.Signed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** aws-chunked bodies that are not what was signed, or not aws-chunked at all. */
class AwsChunkedInputStreamTest {
    private static final int SDK_CHUNK_SIZE = 128 * 1024;

    private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.SECRETS);

    @Test
    void aTamperedChunkIsRefusedBeforeAnyOfItsBytesIsRead() throws IOException {
        byte[] data = randomBytes(300_000);
        Signed signed = signedChunks(data);
        byte[] wire = signed.body().clone();
        int secondChunkHeader = lineEnd(wire, 0) + SDK_CHUNK_SIZE + 2;
        wire[lineEnd(wire, secondChunkHeader) + 10] ^= 1;
        InputStream body = open(signed, wire);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[1000];
        assertThatThrownBy(() -> {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                received.write(buffer, 0, n);
            }
        }).satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.SignatureDoesNotMatch));
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(data, SDK_CHUNK_SIZE));
    }

    @Test
    void aChunkWithoutItsSignatureIsMalformed() {
        Signed signed = signedChunks(randomBytes(10));
        String wire = new String(signed.body(), StandardCharsets.ISO_8859_1).replaceFirst(";chunk-signature=[0-9a-f]+",
                "");

        assertRefused(open(signed, wire.getBytes(StandardCharsets.ISO_8859_1)), S3Error.InvalidRequest);
    }

    @Test
    void aChangedTrailerChecksumIsABadDigest() {
        Signed signed = sign(request(SdkHttpMethod.PUT, "https", "k"), randomBytes(1000), r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        String wire = new String(signed.body(), StandardCharsets.ISO_8859_1)
                .replaceFirst("x-amz-checksum-crc32:[^\r]+", "x-amz-checksum-crc32:AAAAAA==");

        assertRefused(open(signed, wire.getBytes(StandardCharsets.ISO_8859_1)), S3Error.BadDigest)
                .hasMessage("The x-amz-checksum-crc32 you specified did not match the calculated checksum.");
    }

    @Test
    void aChangedSignedTrailerBreaksItsSignature() {
        Signed signed = signedTrailer(randomBytes(1000));
        String wire = new String(signed.body(), StandardCharsets.ISO_8859_1)
                .replaceFirst("x-amz-checksum-crc32:[^\r]+", "x-amz-checksum-crc32:AAAAAA==");

        assertRefused(open(signed, wire.getBytes(StandardCharsets.ISO_8859_1)), S3Error.SignatureDoesNotMatch);
    }

    @Test
    void aSignedTrailerWithoutItsSignatureIsMalformed() {
        Signed signed = signedTrailer(randomBytes(1000));
        String wire = new String(signed.body(), StandardCharsets.ISO_8859_1)
                .replaceFirst("x-amz-trailer-signature:[0-9a-f]+\r\n", "");

        assertRefused(open(signed, wire.getBytes(StandardCharsets.ISO_8859_1)), S3Error.InvalidRequest);
    }

    @Test
    void everyTruncationIsAnIncompleteBody() {
        Signed signed = signedTrailer(randomBytes(40));

        for (int length = 0; length < signed.body().length; length++) {
            assertRefused(open(signed, Arrays.copyOf(signed.body(), length)), S3Error.IncompleteBody);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-5", " 5", "5 ", "", "0x5", "000000005", "٥", "5\nhello"})
    void aChunkSizeThatIsNotHexIsMalformed(String size) {
        assertRefused(unsigned(size + "\r\nhello\r\n0\r\n\r\n", OptionalLong.empty()), S3Error.InvalidRequest);
    }

    @Test
    void aChunkLargerThanTheLimitIsRefusedWithoutReadingIt() {
        String size = Integer.toHexString(AwsChunkedInputStream.MAX_CHUNK_SIZE + 1);

        assertRefused(unsigned(size + "\r\nhello", OptionalLong.empty()), S3Error.InvalidRequest)
                .hasMessageContaining("larger than");
    }

    @Test
    void aChunkLargerThanTheMemoryReservedForTheBodyAsksForTheRestFirst() throws IOException {
        byte[] big = randomBytes(AwsChunkedInputStream.CHUNK_ALLOWANCE + 10);
        String wire = Integer.toHexString(big.length) + "\r\n" + new String(big, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\n\r\n";
        java.util.List<Long> asked = new java.util.ArrayList<>();
        VerifiedBody granted = VerifiedBody.unchecked(new AwsChunkedInputStream(
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), Optional.empty(),
                Optional.empty(), OptionalLong.empty()));
        assertThat(granted.memory()).isEqualTo(VerifiedBody.CHUNKED_MEMORY);
        granted.limitMemory(asked::add);
        assertThat(granted.readAllBytes()).isEqualTo(big);
        assertThat(asked).containsExactly(io.cairn.client.TransferMemory.heapCost(big.length)
                - io.cairn.client.TransferMemory.heapCost(AwsChunkedInputStream.CHUNK_ALLOWANCE));

        VerifiedBody refused = VerifiedBody.unchecked(new AwsChunkedInputStream(
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), Optional.empty(),
                Optional.empty(), OptionalLong.empty()));
        refused.limitMemory(bytes -> {
            throw new IllegalStateException("busy");
        });
        assertThatThrownBy(refused::read).hasMessage("busy");
        // Chunks within the allowance never ask.
        VerifiedBody small = VerifiedBody.unchecked(unsigned("5\r\nhello\r\n0\r\n\r\n", OptionalLong.of(5)));
        small.limitMemory(bytes -> {
            throw new AssertionError("asked for " + bytes);
        });
        assertThat(small.readAllBytes()).asString().isEqualTo("hello");
    }

    @Test
    void framingAroundTheDataMustBeExact() {
        assertRefused(unsigned("5\r\nhello!\r\n0\r\n\r\n", OptionalLong.empty()), S3Error.InvalidRequest);
        assertRefused(unsigned("5\r\nhello\n0\r\n\r\n", OptionalLong.empty()), S3Error.InvalidRequest);
        assertRefused(unsigned("5\r\nhello\r\n0\r\n\r\nmore", OptionalLong.empty()), S3Error.InvalidRequest);
        assertRefused(unsigned("5\r\nhello\r\n0\r\nx-amz-meta-late:1\r\n\r\n", OptionalLong.empty()),
                S3Error.InvalidRequest);
        assertRefused(unsigned("5\r\nhello\r\n" + "f".repeat(5000) + "\r\n", OptionalLong.empty()),
                S3Error.InvalidRequest);
    }

    @Test
    void theDecodedLengthMustBeTheAnnouncedOne() throws IOException {
        String body = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";

        assertThat(unsigned(body, OptionalLong.of(11)).readAllBytes()).asString().isEqualTo("hello world");
        assertRefused(unsigned(body, OptionalLong.of(12)), S3Error.IncompleteBody);
        InputStream tooLong = unsigned(body, OptionalLong.of(10));
        assertThat(tooLong.readNBytes(5)).asString().isEqualTo("hello");
        assertThatThrownBy(tooLong::read).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.IncompleteBody));
    }

    @Test
    void anUnsignedTrailerAsMinioTestsIt() throws IOException {
        String wire = "5\r\nhello\r\n0\r\nx-amz-checksum-crc64nvme:M3eFcAZSQlc=\r\n\r\n";
        AwsChunkedInputStream decoded = new AwsChunkedInputStream(stream(wire), Optional.empty(),
                Optional.of(ChecksumAlgorithm.CRC64NVME), OptionalLong.of(5));
        VerifiedBody body = VerifiedBody.checking(decoded, ChecksumAlgorithm.CRC64NVME, decoded::trailerChecksum);

        assertThatThrownBy(body::checksum).isInstanceOf(IllegalStateException.class);
        assertThat(body.readAllBytes()).asString().isEqualTo("hello");
        assertThat(body.checksum()).contains(new ChecksumValue(ChecksumAlgorithm.CRC64NVME, "M3eFcAZSQlc="));
    }

    @Test
    void theAnnouncedTrailerMustBeThere() {
        for (String trailers : new String[] {"", "x-amz-checksum-crc32:NhCmhg==\r\n",
                "x-amz-checksum-crc64nvme:M3eFcAZSQlc=\r\nx-amz-checksum-crc64nvme:M3eFcAZSQlc=\r\n"}) {
            InputStream decoded = new AwsChunkedInputStream(stream("5\r\nhello\r\n0\r\n" + trailers + "\r\n"),
                    Optional.empty(), Optional.of(ChecksumAlgorithm.CRC64NVME), OptionalLong.empty());
            assertRefused(decoded, S3Error.InvalidRequest);
        }
    }

    @Test
    void readingByteByByteOrSkippingGivesTheSameBytes() throws IOException {
        byte[] data = randomBytes(300_000);
        Signed signed = signedTrailer(data);

        InputStream byByte = open(signed, signed.body());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = byByte.read(); b >= 0; b = byByte.read()) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(data);

        VerifiedBody skipping = open(signed, signed.body());
        assertThat(skipping.skip(200_000)).isEqualTo(200_000);
        assertThat(skipping.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 200_000, data.length));
        assertThat(skipping.checksum()).isPresent();
    }

    private Signed signedChunks(byte[] data) {
        return sign(request(SdkHttpMethod.PUT, "http", "k"), data,
                r -> r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
    }

    private Signed signedTrailer(byte[] data) {
        return sign(request(SdkHttpMethod.PUT, "http", "k"), data, r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
    }

    private VerifiedBody open(Signed signed, byte[] wire) {
        return verifier.verify(signed.request()).payload().open(new ByteArrayInputStream(wire));
    }

    private static InputStream unsigned(String wire, OptionalLong decodedLength) {
        return new AwsChunkedInputStream(stream(wire), Optional.empty(), Optional.empty(), decodedLength);
    }

    private static InputStream stream(String wire) {
        return new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8));
    }

    /** The index just past the CRLF of the line starting at {@code from}. */
    private static int lineEnd(byte[] wire, int from) {
        for (int i = from; ; i++) {
            if (wire[i] == '\r' && wire[i + 1] == '\n') {
                return i + 2;
            }
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(InputStream body, S3Error error) {
        return assertThatThrownBy(body::readAllBytes).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(error));
    }
}
