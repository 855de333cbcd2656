package io.cairn.s3.auth;

import static io.cairn.s3.auth.SdkSigning.request;
import static io.cairn.s3.auth.SdkSigning.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.s3.auth.SdkSigning.Signed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Requests and bodies signed by the AWS SDK's own signer go through the verifier and decoder unchanged. */
class SdkSignerCrossCheckTest {
    private static final String[] KEYS = {"plain.txt", "my key with spaces.txt", "ünïcødé/日本語/😀.bin",
            "a+b=c~d%e&f.txt", "dir/sub dir//file (1).txt", "$@:;,!*'()[]#?.txt"};

    private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.SECRETS);

    static Stream<Arguments> keysAndQueries() {
        return Stream.of(KEYS).flatMap(key -> Stream.of(
                Arguments.of(key, request(SdkHttpMethod.GET, "http", key)),
                Arguments.of(key, request(SdkHttpMethod.POST, "http", key).putRawQueryParameter("uploads", (String) null)),
                Arguments.of(key, request(SdkHttpMethod.GET, "http", key).putRawQueryParameter("list-type", "2")
                        .putRawQueryParameter("prefix", "a b").putRawQueryParameter("continuation-token", "x/y=")
                        .putRawQueryParameter("delimiter", "/").putRawQueryParameter("start-after", "ü+~%"))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("keysAndQueries")
    void headerSignedRequests(String key, SdkHttpFullRequest.Builder request) throws IOException {
        byte[] body = SdkSigning.randomBytes(100);
        Signed signed = sign(request.putHeader("x-amz-meta-note", "  two   spaces  "), body, r -> {
        });

        Authenticated auth = verifier.verify(signed.request());

        assertThat(signed.request().path()).isEqualTo("/bucket/" + key);
        assertThat(auth.accessKeyId()).isEqualTo(SdkSigning.ACCESS_KEY);
        assertThat(auth.region()).contains("eu-central-1");
        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.SHA256);
        assertThat(auth.payload().open(new ByteArrayInputStream(signed.body())).readAllBytes()).isEqualTo(body);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("keysAndQueries")
    void presignedRequests(String key, SdkHttpFullRequest.Builder request) {
        Signed signed = sign(request.protocol("https"), new byte[0], r -> r
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofHours(1))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        Authenticated auth = verifier.verify(signed.at(SdkSigning.NOW.plus(Duration.ofMinutes(59))).request());

        assertThat(signed.request().headers()).doesNotContainKey("authorization");
        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.UNSIGNED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8191, 200_000})
    void unsignedPayload(int size) throws IOException {
        byte[] body = SdkSigning.randomBytes(size);
        Signed signed = sign(request(SdkHttpMethod.PUT, "https", "k"), body,
                r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        Authenticated auth = verifier.verify(signed.request());

        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(auth.payload().open(new ByteArrayInputStream(signed.body())).readAllBytes()).isEqualTo(body);
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = "CRC64NVME", mode = EnumSource.Mode.EXCLUDE)
    void checksumInAHeader(ChecksumAlgorithm algorithm) throws IOException {
        byte[] body = SdkSigning.randomBytes(70_000);
        Signed signed = sign(request(SdkHttpMethod.PUT, "http", "k"), body,
                r -> r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, SdkSigning.sdkAlgorithm(algorithm)));

        VerifiedBody decoded = verifier.verify(signed.request()).payload().open(new ByteArrayInputStream(signed.body()));

        assertThat(signed.request().headers()).containsKey(algorithm.headerName());
        assertThat(decoded.readAllBytes()).isEqualTo(body);
        assertThat(decoded.checksum()).contains(new ChecksumValue(algorithm, SdkSigning.sdkChecksum(algorithm, body)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_536, 131_072, 300_001})
    void signedChunks(int size) throws IOException {
        byte[] body = SdkSigning.randomBytes(size);
        Signed signed = sign(request(SdkHttpMethod.PUT, "http", "chunked key.bin"), body,
                r -> r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));

        Authenticated auth = verifier.verify(signed.request());

        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        VerifiedBody decoded = auth.payload().open(new ByteArrayInputStream(signed.body()));
        assertThat(decoded.readAllBytes()).isEqualTo(body);
        assertThat(decoded.checksum()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = "CRC64NVME", mode = EnumSource.Mode.EXCLUDE)
    void signedChunksWithAChecksumTrailer(ChecksumAlgorithm algorithm) throws IOException {
        byte[] body = SdkSigning.randomBytes(300_001);
        Signed signed = sign(request(SdkHttpMethod.PUT, "http", "k"), body, r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, SdkSigning.sdkAlgorithm(algorithm)));

        Authenticated auth = verifier.verify(signed.request());

        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        VerifiedBody decoded = auth.payload().open(new ByteArrayInputStream(signed.body()));
        assertThat(decoded.readAllBytes()).isEqualTo(body);
        assertThat(decoded.checksum()).contains(new ChecksumValue(algorithm, SdkSigning.sdkChecksum(algorithm, body)));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = "CRC64NVME", mode = EnumSource.Mode.EXCLUDE)
    void unsignedChunksWithAChecksumTrailer(ChecksumAlgorithm algorithm) throws IOException {
        byte[] body = SdkSigning.randomBytes(300_001);
        Signed signed = sign(request(SdkHttpMethod.PUT, "https", "k"), body, r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, SdkSigning.sdkAlgorithm(algorithm)));

        Authenticated auth = verifier.verify(signed.request());

        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
        VerifiedBody decoded = auth.payload().open(new ByteArrayInputStream(signed.body()));
        assertThat(decoded.readAllBytes()).isEqualTo(body);
        assertThat(decoded.checksum()).contains(new ChecksumValue(algorithm, SdkSigning.sdkChecksum(algorithm, body)));
    }

}
