package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.time.Instant;
import java.util.List;

/** Reads the {@code X-Amz-*} parameters of a presigned URL and refuses one that has expired or is not valid yet. */
final class QueryAuthorization {
    private static final String ALGORITHM = "X-Amz-Algorithm";
    static final String SIGNATURE = "X-Amz-Signature";
    private static final String CREDENTIAL = "X-Amz-Credential";
    private static final String DATE = "X-Amz-Date";
    private static final String EXPIRES = "X-Amz-Expires";
    private static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    private static final List<String> REQUIRED = List.of(ALGORITHM, CREDENTIAL, DATE, EXPIRES, SIGNED_HEADERS,
            SIGNATURE);
    private static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private QueryAuthorization() {
    }

    static boolean isPresigned(SignedRequest request) {
        return request.queryValue(ALGORITHM).isPresent() || request.queryValue(SIGNATURE).isPresent();
    }

    static SignatureClaim read(SignedRequest request) {
        if (REQUIRED.stream().anyMatch(name -> request.queryValue(name).isEmpty())) {
            throw error("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!param(request, ALGORITHM).equals(SignatureClaim.ALGORITHM)) {
            throw error("X-Amz-Algorithm only supports \"" + SignatureClaim.ALGORITHM + "\"");
        }
        Instant time = AmzDate.parseBasic(param(request, DATE)).orElseThrow(() ->
                error("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        long expires = expires(param(request, EXPIRES));
        CredentialScope credential = CredentialScope.parse(param(request, CREDENTIAL), time,
                detail -> error("Error parsing the X-Amz-Credential parameter; " + detail));
        List<String> signedHeaders = SignatureClaim.signedHeaders(param(request, SIGNED_HEADERS),
                () -> error("X-Amz-SignedHeaders is malformed."));
        // The signer's clock may run a little ahead of ours: the same tolerance as for a signed header.
        if (time.isAfter(request.now().plus(HeaderAuthorization.MAX_SKEW))) {
            throw new S3Exception(S3Error.AccessDenied, "Request is not valid yet");
        }
        if (request.now().isAfter(time.plusSeconds(expires))) {
            throw new S3Exception(S3Error.AccessDenied, "Request has expired");
        }
        // A URL cannot know the body it will be used with, so S3 signs none unless the client says otherwise.
        String contentSha256 = request.header("x-amz-content-sha256")
                .or(() -> request.queryValue("X-Amz-Content-Sha256")).orElse(UNSIGNED_PAYLOAD);
        return new SignatureClaim(credential, signedHeaders, param(request, SIGNATURE), time, contentSha256);
    }

    private static long expires(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("X-Amz-Expires should be a number");
        }
        // Refused as access, not as a malformed URL (as Ceph answers): the URL is well formed, its time is not valid.
        if (seconds < 1) {
            throw new S3Exception(S3Error.AccessDenied, "Request has expired: X-Amz-Expires must be at least one"
                    + " second");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw new S3Exception(S3Error.AccessDenied, "X-Amz-Expires must be less than a week (in seconds) that is "
                    + MAX_EXPIRES_SECONDS);
        }
        return seconds;
    }

    private static String param(SignedRequest request, String name) {
        return request.queryValue(name).orElseThrow();
    }

    private static S3Exception error(String message) {
        return new S3Exception(S3Error.AuthorizationQueryParametersError, message);
    }
}
