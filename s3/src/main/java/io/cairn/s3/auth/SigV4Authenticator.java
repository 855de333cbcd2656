package io.cairn.s3.auth;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.Caller;
import io.cairn.http.Exchange;
import io.cairn.http.RequestAuthenticator;
import io.cairn.s3.S3Exception;
import io.cairn.s3.router.S3HttpRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Signature V4 on the JSON APIs, with the S3 API's verifier: the same keys, the same canonical request, in the
 * Authorization header or presigned in the query. The body is checked as it is read against the hash the request
 * signed ({@code x-amz-content-sha256}); a mismatch fails the read, so an upload commits nothing. The REST API takes
 * bodies as they are, so the aws-chunked streaming modes of S3 are refused here: sign {@code UNSIGNED-PAYLOAD} (over
 * TLS) or the body's SHA-256.
 */
public final class SigV4Authenticator implements RequestAuthenticator.SignedRequests {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final SigV4Verifier verifier;
    private final S3Credentials credentials;
    private final Clock clock;

    public SigV4Authenticator(S3Credentials credentials, Clock clock) {
        this.verifier = new SigV4Verifier(credentials);
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Whether a request carries a SigV4 signature, in its Authorization header or its query. */
    @Override
    public boolean isSigned(Exchange exchange) {
        String authorization = exchange.header("Authorization");
        return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256")
                || exchange.query("X-Amz-Algorithm") != null;
    }

    @Override
    public Caller authenticate(Exchange exchange) {
        String contentSha256 = exchange.header("x-amz-content-sha256");
        if (contentSha256 == null && exchange.header("Authorization") != null) {
            throw new CairnException(ErrorCode.BAD_REQUEST, "SigV4 in the Authorization header needs"
                    + " x-amz-content-sha256: the body's SHA-256 or UNSIGNED-PAYLOAD (curl --aws-sigv4: add"
                    + " -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD')");
        }
        if (contentSha256 != null && !contentSha256.equals("UNSIGNED-PAYLOAD")
                && !HEX_SHA256.matcher(contentSha256).matches()) {
            throw new CairnException(ErrorCode.BAD_REQUEST, "the REST API takes SigV4 with x-amz-content-sha256 set to"
                    + " UNSIGNED-PAYLOAD or the body's SHA-256, not " + contentSha256);
        }
        try {
            S3HttpRequest http = S3HttpRequest.fromRaw(exchange.method(), exchange.host(), exchange.path(),
                    exchange.rawQuery(), exchange::header);
            SignedRequest signed = new SignedRequest(http.method(), http.path(), http.query().stream()
                    .map(p -> new SignedRequest.QueryParameter(p.name(), p.value())).toList(), exchange.headers(),
                    clock.instant());
            Authenticated auth = verifier.verify(signed);
            exchange.wrapBody(raw -> new RestBody(auth.payload().open(raw)));
            return credentials.userOf(auth.accessKeyId());
        } catch (S3Exception e) {
            throw new CairnException(switch (e.error()) {
                case InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied, RequestTimeTooSkewed, ExpiredToken,
                     AuthorizationHeaderMalformed, AuthorizationQueryParametersError -> ErrorCode.UNAUTHORIZED;
                default -> ErrorCode.BAD_REQUEST;
            }, "SigV4: " + e.getMessage());
        }
    }

    /** The verified body, failing as the REST API reports a body that is not what was signed. */
    private static final class RestBody extends FilterInputStream {
        RestBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (S3Exception e) {
                throw mismatch(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (S3Exception e) {
                throw mismatch(e);
            }
        }

        private static CairnException mismatch(S3Exception e) {
            return new CairnException(ErrorCode.CHECKSUM_MISMATCH, "the body is not what the SigV4 signature says: "
                    + e.getMessage());
        }
    }
}
