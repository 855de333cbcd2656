package io.cairn.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw HTTP requests signed by the AWS SDK's own SigV4 signer, sent as they are: for what the SDK's clients hide (the
 * XML of a listing, the headers of an error) or would not send (a body other than the one signed, raw header bytes).
 */
final class SigV4Requests {
    private SigV4Requests() {
    }

    /**
     * @param contentSha256 the body's hash, or {@code UNSIGNED-PAYLOAD}; ignored when presigning
     * @param headers       signed along with the request's own
     */
    static SdkHttpRequest sign(SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body,
                               String contentSha256, String accessKey, String secret, boolean presign) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        if (!presign) {
            request.putHeader("x-amz-content-sha256", contentSha256);
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request.build())
                .payload(presign ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !contentSha256.equals("UNSIGNED-PAYLOAD"))
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, presign ? AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING
                        : AwsV4FamilyHttpSigner.AuthLocation.HEADER)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presign ? Duration.ofMinutes(5) : null));
        return signed.request();
    }

    /** A GET signed in its header by the root user of the test clusters. */
    static SdkHttpRequest get(URI uri) {
        return sign(SdkHttpMethod.GET, uri, Map.of(), new byte[0], sha256(new byte[0]), TestClusters.ROOT_KEY,
                TestClusters.ROOT_SECRET, false);
    }

    /** Sends the signed request as it is, headers and all, with {@code body} (which may differ from what was signed). */
    static Http.Response send(Http http, SdkHttpRequest signed, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).method(signed.method().name(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.anonymous().send(request.build());
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
