package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies AWS Signature Version 2 as S3 did, signed in the Authorization header ({@code AWS key:signature}, dated
 * by Date or x-amz-date within 15 minutes of ours) or presigned in the query ({@code AWSAccessKeyId},
 * {@code Expires}, {@code Signature}). Its signature covers no body: only a Content-MD5 or x-amz-checksum-* the
 * client declares checks the body, as for any request.
 */
public final class SigV2Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(SigV2Verifier.class);
    private static final String HMAC = "HmacSHA1";

    private final SecretLookup secrets;

    public SigV2Verifier(SecretLookup secrets) {
        this.secrets = secrets;
    }

    /**
     * @param resource the request's path as sent, still percent-encoded, after {@code /bucket} when its Host named
     *                 the bucket (virtual-hosted style): what SigV2 signs of the URL
     * @throws S3Exception with S3's code for what is wrong
     */
    public Authenticated verify(SignedRequest request, String resource) {
        SigV2Claim claim = SigV2Claim.read(request);
        String secret = secrets.requireSecret(claim.accessKeyId());
        String stringToSign = SigV2StringToSign.of(request, resource, claim.dateLine());
        if (!Digests.sameSignature(sign(secret, stringToSign), claim.signature())) {
            // What the client should have signed: compared with its own, it shows what differs.
            LOG.debug("SigV2 signature mismatch for access key {}; string to sign:\n{}", claim.accessKeyId(),
                    stringToSign);
            throw Digests.signatureDoesNotMatch();
        }
        return new Authenticated(claim.accessKeyId(), Optional.empty(), payload(request));
    }

    /** A V2 signature: the base64 HMAC-SHA1 of the string to sign (a browser form's policy) under the secret. */
    static String sign(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(
                Digests.hmac(HMAC, secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /**
     * Unsigned, unless the client declares the body's SHA-256 (a signed x-amz-* header, then checked as it is read)
     * or an unsigned aws-chunked body; aws-chunks signed in SigV4's chain cannot be verified without SigV4.
     */
    private static Payload payload(SignedRequest request) {
        String contentSha256 = request.header("x-amz-content-sha256").orElse(QueryAuthorization.UNSIGNED_PAYLOAD);
        PayloadMode mode = PayloadMode.of(contentSha256);
        if (mode.signsChunks()) {
            throw new S3Exception(S3Error.InvalidRequest, "x-amz-content-sha256 " + contentSha256
                    + " needs the request signed with AWS4-HMAC-SHA256");
        }
        return Payload.of(request, mode, contentSha256, null);
    }
}
