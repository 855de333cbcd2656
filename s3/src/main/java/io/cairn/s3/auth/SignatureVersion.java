package io.cairn.s3.auth;

/** How a request is signed, as {@link SignedRequest#signatureVersion()} tells by its Authorization header or query. */
public enum SignatureVersion {
    /** No Authorization header and no presigned query: the handler decides whether anonymous access is allowed. */
    NONE,
    /** {@code Authorization: AWS key:signature}, or {@code AWSAccessKeyId}, {@code Expires}, {@code Signature}. */
    V2,
    /** {@code Authorization: AWS4-HMAC-SHA256 ...} (or any other scheme), or the {@code X-Amz-*} presigned query. */
    V4
}
