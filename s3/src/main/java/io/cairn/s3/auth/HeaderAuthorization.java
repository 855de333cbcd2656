package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}, in any order and
 * with or without spaces after the commas, together with the request time and payload hash it signs.
 */
final class HeaderAuthorization {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final Set<String> COMPONENTS = Set.of("Credential", "SignedHeaders", "Signature");

    private HeaderAuthorization() {
    }

    static SignatureClaim read(SignedRequest request) {
        String value = request.header("authorization").orElseThrow().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equals(SignatureClaim.ALGORITHM)) {
            throw new S3Exception(S3Error.InvalidRequest,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        Map<String, String> components = components(value.substring(space + 1));
        Instant time = requestTime(request);
        String contentSha256 = request.header("x-amz-content-sha256").orElseThrow(() -> new S3Exception(
                S3Error.InvalidRequest, "Missing required header for this request: x-amz-content-sha256"));
        CredentialScope credential = CredentialScope.parse(components.get("Credential"), time,
                HeaderAuthorization::malformed);
        requireRecent(time, request.now());
        List<String> signedHeaders = SignatureClaim.signedHeaders(components.get("SignedHeaders"),
                () -> malformed("the SignedHeaders component is malformed."));
        return new SignatureClaim(credential, signedHeaders, components.get("Signature"), time, contentSha256);
    }

    /** A signed time more than {@link #MAX_SKEW} away from ours is refused, so a captured request soon goes stale. */
    static void requireRecent(Instant time, Instant now) {
        if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.RequestTimeTooSkewed,
                    "The difference between the request time and the current time is too large.");
        }
    }

    private static Map<String, String> components(String text) {
        Map<String, String> components = new HashMap<>();
        for (String component : text.split(",")) {
            String[] nameValue = component.strip().split("=", 2);
            if (nameValue.length != 2 || !COMPONENTS.contains(nameValue[0])
                    || components.put(nameValue[0], nameValue[1]) != null) {
                throw malformed("the authorization component \"" + component.strip() + "\" is malformed.");
            }
        }
        if (components.size() != COMPONENTS.size()) {
            throw malformed("the authorization header requires three components: Credential, SignedHeaders, "
                    + "and Signature.");
        }
        return components;
    }

    /** x-amz-date, or else the Date header, the time the signature was made for. */
    private static Instant requestTime(SignedRequest request) {
        Optional<String> amzDate = request.header("x-amz-date");
        Optional<Instant> time = amzDate.isPresent() ? amzDate.flatMap(AmzDate::parseBasic)
                : request.header("date").flatMap(AmzDate::parseHttpDate);
        return time.orElseThrow(() -> new S3Exception(S3Error.AccessDenied,
                "AWS authentication requires a valid Date or x-amz-date header"));
    }

    private static S3Exception malformed(String detail) {
        return new S3Exception(S3Error.AuthorizationHeaderMalformed, "The authorization header is malformed; " + detail);
    }
}
