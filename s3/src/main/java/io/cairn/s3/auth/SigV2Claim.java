package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a SigV2 request claims, from {@code Authorization: AWS key:signature} or from a presigned URL's
 * {@code AWSAccessKeyId}, {@code Expires} and {@code Signature}; read only once its time is acceptable.
 *
 * @param dateLine what its string to sign carries in the Date position: the Date header (empty when x-amz-date
 *                 replaces it), or a presigned URL's Expires
 */
record SigV2Claim(String accessKeyId, String signature, String dateLine) {
    private static final String SCHEME = "AWS ";
    private static final String ACCESS_KEY_ID = "AWSAccessKeyId";
    private static final String SIGNATURE = "Signature";
    private static final String EXPIRES = "Expires";

    static boolean isSchemeOf(String authorization) {
        return authorization.startsWith(SCHEME);
    }

    static boolean isPresigned(SignedRequest request) {
        return request.queryValue(ACCESS_KEY_ID).isPresent() || request.queryValue(SIGNATURE).isPresent();
    }

    static SigV2Claim read(SignedRequest request) {
        return request.hasAuthorizationHeader() ? fromHeader(request) : fromQuery(request);
    }

    private static SigV2Claim fromHeader(SignedRequest request) {
        String credentials = request.header("authorization").orElseThrow().substring(SCHEME.length()).strip();
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw new S3Exception(S3Error.InvalidArgument,
                    "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
        }
        Optional<String> amzDate = request.header("x-amz-date");
        Instant time = amzDate.or(() -> request.header("date")).flatMap(AmzDate::parseHttpDateAnyWeekday)
                .filter(t -> !t.isBefore(Instant.EPOCH))
                .orElseThrow(() -> new S3Exception(S3Error.AccessDenied,
                        "AWS authentication requires a valid Date or x-amz-date header"));
        HeaderAuthorization.requireRecent(time, request.now());
        // A client that cannot set Date signs x-amz-date among the x-amz-* headers instead, and nothing in its place.
        String dateLine = amzDate.isPresent() ? "" : request.header("date").orElseThrow();
        return new SigV2Claim(credentials.substring(0, colon), credentials.substring(colon + 1), dateLine);
    }

    private static SigV2Claim fromQuery(SignedRequest request) {
        if (List.of(ACCESS_KEY_ID, SIGNATURE, EXPIRES).stream().anyMatch(name -> request.queryValue(name).isEmpty())) {
            throw new S3Exception(S3Error.AccessDenied,
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        String expires = request.queryValue(EXPIRES).orElseThrow();
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.AccessDenied, "Invalid date (should be seconds since epoch): " + expires);
        }
        if (request.now().getEpochSecond() > expiresAt) {
            throw new S3Exception(S3Error.AccessDenied, "Request has expired");
        }
        return new SigV2Claim(request.queryValue(ACCESS_KEY_ID).orElseThrow(),
                request.queryValue(SIGNATURE).orElseThrow(), expires);
    }
}
