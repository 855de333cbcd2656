package io.cairn.s3.auth;

import static io.cairn.s3.auth.SdkSigning.request;
import static io.cairn.s3.auth.SdkSigning.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import io.cairn.s3.auth.SdkSigning.Signed;
import io.cairn.s3.auth.SignedRequest.QueryParameter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Requests S3 refuses, refused with S3's error code. */
class SigV4VerifierTest {
    private static final byte[] BODY = "some body".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.SECRETS);

    @Test
    void aChangedSignedHeaderBreaksTheSignature() {
        Signed signed = headerSigned();

        assertRefused(withHeader(signed.request(), "x-amz-meta-owner", "mallory"), S3Error.SignatureDoesNotMatch);
    }

    @Test
    void aChangedPathOrQueryBreaksTheSignature() {
        SignedRequest good = headerSigned().request();

        assertRefused(new SignedRequest(good.method(), "/bucket/other", good.query(), good.headers(), good.now()),
                S3Error.SignatureDoesNotMatch);
        assertRefused(new SignedRequest(good.method(), good.path(), List.of(new QueryParameter("acl", "")),
                good.headers(), good.now()), S3Error.SignatureDoesNotMatch);
        assertRefused(new SignedRequest("DELETE", good.path(), good.query(), good.headers(), good.now()),
                S3Error.SignatureDoesNotMatch);
    }

    @Test
    void aWrongSecretDoesNotMatch() {
        SigV4Verifier otherSecret = new SigV4Verifier(id -> Optional.of("not the secret"));

        assertThatThrownBy(() -> otherSecret.verify(headerSigned().request())).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.SignatureDoesNotMatch));
    }

    @Test
    void aSecretChangedUnderTheSameAccessKeyIsCheckedAgainstTheNewSecret() {
        AtomicReference<String> secret = new AtomicReference<>(SdkSigning.SECRET);
        SigV4Verifier rotating = new SigV4Verifier(id -> Optional.of(secret.get()));
        Signed signed = headerSigned();
        rotating.verify(signed.request());

        secret.set("the new secret");
        assertThatThrownBy(() -> rotating.verify(signed.request())).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.SignatureDoesNotMatch));
        secret.set(SdkSigning.SECRET);
        rotating.verify(signed.request());
    }

    @Test
    void signaturesOfMoreScopesThanTheVerifierKeepsKeysForAllVerify() {
        List<Signed> scopes = new ArrayList<>();
        for (int i = 0; i <= SigV4Verifier.KEYS_KEPT; i++) {
            String region = "region-" + i;
            scopes.add(sign(request(SdkHttpMethod.GET, "http", "key"), new byte[0],
                    r -> r.putProperty(AwsV4HttpSigner.REGION_NAME, region)));
        }
        for (Signed signed : scopes) {
            assertThat(verifier.verify(signed.request()).region()).contains(
                    signed.request().headers().get("authorization").getFirst().split("/")[2]);
        }
        verifier.verify(scopes.getFirst().request());
    }

    @Test
    void anUnknownAccessKeyIsRefusedAsSuch() {
        SigV4Verifier noUsers = new SigV4Verifier(id -> Optional.empty());

        assertThatThrownBy(() -> noUsers.verify(headerSigned().request())).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.InvalidAccessKeyId));
    }

    @Test
    void aHeaderSignatureHoldsFifteenMinutesEitherWay() {
        Signed signed = headerSigned();

        verifier.verify(signed.at(SdkSigning.NOW.plus(Duration.ofMinutes(15))).request());
        verifier.verify(signed.at(SdkSigning.NOW.minus(Duration.ofMinutes(15))).request());
        assertRefused(signed.at(SdkSigning.NOW.plus(Duration.ofMinutes(15).plusSeconds(1))).request(),
                S3Error.RequestTimeTooSkewed);
        assertRefused(signed.at(SdkSigning.NOW.minus(Duration.ofMinutes(16))).request(),
                S3Error.RequestTimeTooSkewed);
    }

    @Test
    void aPresignedUrlExpiresAndIsNotValidBeforeItsTime() {
        Signed signed = presigned(Duration.ofSeconds(60));

        verifier.verify(signed.at(SdkSigning.NOW.plusSeconds(60)).request());
        assertRefused(signed.at(SdkSigning.NOW.plusSeconds(61)).request(), S3Error.AccessDenied)
                .hasMessage("Request has expired");
        assertRefused(signed.at(SdkSigning.NOW.minus(Duration.ofMinutes(16))).request(), S3Error.AccessDenied)
                .hasMessage("Request is not valid yet");
    }

    @Test
    void aPresignedUrlNeedsAllItsParametersAndAnExpiryOfAWeekAtMost() {
        SignedRequest good = presigned(Duration.ofSeconds(60)).request();

        // An expiry out of range is a URL no one may use (403), not a malformed one.
        assertRefused(replaceQuery(good, "X-Amz-Expires", "604801"), S3Error.AccessDenied);
        assertRefused(replaceQuery(good, "X-Amz-Expires", "0"), S3Error.AccessDenied);
        assertRefused(replaceQuery(good, "X-Amz-Expires", "-7"), S3Error.AccessDenied);
        assertRefused(replaceQuery(good, "X-Amz-Expires", "soon"), S3Error.AuthorizationQueryParametersError);
        assertRefused(replaceQuery(good, "X-Amz-Date", "2024-05-01T12:00:00Z"),
                S3Error.AuthorizationQueryParametersError);
        assertRefused(replaceQuery(good, "X-Amz-Algorithm", "AWS4-ECDSA-P256-SHA256"),
                S3Error.AuthorizationQueryParametersError);
        assertRefused(replaceQuery(good, "X-Amz-Credential", "AKID/20240501/us-east-1/s3"),
                S3Error.AuthorizationQueryParametersError);
        assertRefused(new SignedRequest(good.method(), good.path(),
                good.query().stream().filter(p -> !p.name().equals("X-Amz-SignedHeaders")).toList(), good.headers(),
                good.now()), S3Error.AuthorizationQueryParametersError);
        assertRefused(replaceQuery(good, "X-Amz-Signature", "0".repeat(64)), S3Error.SignatureDoesNotMatch);
    }

    @Test
    void anonymousRequestsAreTheCallersToAllow() {
        SignedRequest anonymous = Requests.request("GET", "/bucket/key").header("Host", "localhost").build();

        assertThat(anonymous.signatureVersion()).isEqualTo(SignatureVersion.NONE);
        assertThat(headerSigned().request().signatureVersion()).isEqualTo(SignatureVersion.V4);
        assertThat(presigned(Duration.ofSeconds(60)).request().signatureVersion()).isEqualTo(SignatureVersion.V4);
        assertRefused(anonymous, S3Error.AccessDenied);
    }

    @Test
    void onlyOneAuthMechanismAtATime() {
        SignedRequest presigned = presigned(Duration.ofSeconds(60)).request();

        assertRefused(withHeader(presigned, "Authorization", headerSigned().request().header("authorization")
                .orElseThrow()), S3Error.InvalidArgument);
    }

    @Test
    void malformedAuthorizationHeaders() {
        String authorization = headerSigned().request().header("authorization").orElseThrow();
        String credential = authorization.substring(authorization.indexOf("Credential="), authorization.indexOf(','));

        assertRefused(auth("AWS AKIDCAIRNEXAMPLE:c2lnbmF0dXJl"), S3Error.InvalidRequest);
        assertRefused(auth(authorization.replaceFirst(", Signature=[0-9a-f]+", "")),
                S3Error.AuthorizationHeaderMalformed);
        assertRefused(auth(authorization + ", Signature=abc"), S3Error.AuthorizationHeaderMalformed);
        assertRefused(auth(authorization.replace("SignedHeaders=", "SignedHeaders=;")),
                S3Error.AuthorizationHeaderMalformed);
        assertRefused(auth(authorization.replace(credential, "Credential=AKIDCAIRNEXAMPLE/20240501/eu-central-1/s3")),
                S3Error.AuthorizationHeaderMalformed);
        assertRefused(auth(authorization.replace("/s3/", "/ec2/")), S3Error.AuthorizationHeaderMalformed)
                .hasMessageContaining("incorrect service \"ec2\"");
        assertRefused(auth(authorization.replace("/20240501/", "/20240502/")), S3Error.AuthorizationHeaderMalformed)
                .hasMessageContaining("Date is not the same as X-Amz-Date");
    }

    @Test
    void theHeadersAHeaderSignatureNeeds() {
        SignedRequest good = headerSigned().request();

        assertRefused(withoutHeader(good, "x-amz-content-sha256"), S3Error.InvalidRequest)
                .hasMessage("Missing required header for this request: x-amz-content-sha256");
        assertRefused(withoutHeader(good, "x-amz-date"), S3Error.AccessDenied);
        assertRefused(withHeader(withoutHeader(good, "x-amz-date"), "x-amz-date", "yesterday"), S3Error.AccessDenied);
        assertRefused(withHeader(withoutHeader(good, "x-amz-content-sha256"), "x-amz-content-sha256", "SHA-256"),
                S3Error.InvalidArgument);
    }

    @Test
    void hostAndEveryAmzHeaderMustBeSigned() {
        SignedRequest good = headerSigned().request();
        String authorization = good.header("authorization").orElseThrow();

        assertRefused(withHeader(good, "x-amz-acl", "public-read"), S3Error.AccessDenied)
                .hasMessageContaining("not signed: x-amz-acl");
        assertRefused(auth(authorization.replace("host;", "")), S3Error.AccessDenied)
                .hasMessageContaining("not signed: host");
    }

    @Test
    void aBodyThatIsNotTheSignedOne() {
        Signed signed = headerSigned();
        VerifiedBody body = verifier.verify(signed.request()).payload()
                .open(new ByteArrayInputStream("some bodY".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(body::readAllBytes).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.XAmzContentSHA256Mismatch));
    }

    private Signed headerSigned() {
        return sign(request(SdkHttpMethod.PUT, "http", "key").putHeader("x-amz-meta-owner", "alice"), BODY, r -> {
        });
    }

    private static Signed presigned(Duration expiry) {
        return sign(request(SdkHttpMethod.GET, "https", "key"), new byte[0], r -> r
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    private SignedRequest auth(String authorization) {
        return withHeader(withoutHeader(headerSigned().request(), "authorization"), "Authorization", authorization);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SignedRequest request, S3Error error) {
        return assertThatThrownBy(() -> verifier.verify(request)).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(error));
    }

    private static SignedRequest replaceQuery(SignedRequest request, String name, String value) {
        return new SignedRequest(request.method(), request.path(), request.query().stream()
                .map(p -> p.name().equals(name) ? new QueryParameter(name, value) : p).toList(), request.headers(),
                request.now());
    }

    private static SignedRequest withHeader(SignedRequest request, String name, String value) {
        return withHeaders(request, headers -> {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return headers;
        });
    }

    private static SignedRequest withoutHeader(SignedRequest request, String name) {
        return withHeaders(request, headers -> {
            headers.remove(name);
            return headers;
        });
    }

    private static SignedRequest withHeaders(SignedRequest request, UnaryOperator<Map<String, List<String>>> change) {
        Map<String, List<String>> headers = new HashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new SignedRequest(request.method(), request.path(), request.query(), change.apply(headers),
                request.now());
    }
}
