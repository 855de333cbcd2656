package io.cairn.s3.auth;

import io.cairn.http.PercentCodec;
import io.cairn.s3.auth.SignedRequest.QueryParameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs requests with the AWS SDK's own SigV4 signer, as S3 clients do, and hands them over the way Cairn's HTTP layer
 * would: the path percent-decoded, the query decoded, the body exactly as it would arrive on the wire.
 */
final class SdkSigning {
    static final String ACCESS_KEY = "AKIDCAIRNEXAMPLE";
    static final String SECRET = "cairn/secret+key=EXAMPLE";
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final SecretLookup SECRETS = id -> id.equals(ACCESS_KEY) ? Optional.of(SECRET) : Optional.empty();

    /** A signed request and the body it goes with on the wire. */
    record Signed(SignedRequest request, byte[] body) {
        Signed at(Instant now) {
            return new Signed(new SignedRequest(request.method(), request.path(), request.query(), request.headers(),
                    now), body);
        }
    }

    private SdkSigning() {
    }

    /** A request to {@code /bucket/<key>}, its key encoded as the SDK's S3 client encodes keys. */
    static SdkHttpFullRequest.Builder request(SdkHttpMethod method, String scheme, String key) {
        return SdkHttpFullRequest.builder().method(method).uri(URI.create(scheme + "://localhost:9000"))
                .encodedPath("/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    static Signed sign(SdkHttpFullRequest.Builder request, byte[] body,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        SdkHttpFullRequest unsigned = request.putHeader("Content-Length", String.valueOf(body.length)).build();
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET)).request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-central-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            options.accept(r);
        });
        byte[] wire = signed.payload().map(SdkSigning::readAll).orElse(new byte[0]);
        return new Signed(received(signed.request()), wire);
    }

    private static SignedRequest received(SdkHttpRequest request) {
        List<QueryParameter> query = new ArrayList<>();
        request.rawQueryParameters().forEach((name, values) ->
                values.forEach(value -> query.add(new QueryParameter(name, value == null ? "" : value))));
        return new SignedRequest(request.method().name(), PercentCodec.decodePath(request.encodedPath()), query,
                request.headers(), NOW);
    }

    private static byte[] readAll(ContentStreamProvider payload) {
        try (InputStream in = payload.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static software.amazon.awssdk.checksums.spi.ChecksumAlgorithm sdkAlgorithm(ChecksumAlgorithm algorithm) {
        return DefaultChecksumAlgorithm.fromValue(algorithm.name());
    }

    /** The checksum as the SDK computes it, in S3's base64 form. */
    static String sdkChecksum(ChecksumAlgorithm algorithm, byte[] data) {
        SdkChecksum checksum = SdkChecksum.forAlgorithm(sdkAlgorithm(algorithm));
        checksum.update(data);
        return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
    }
}
