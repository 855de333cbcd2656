package io.cairn.s3;

import io.cairn.http.Exchange;

/**
 * Cross-origin access for browsers, open to every origin as MinIO's default is: a request still needs a valid
 * signature (a presigned URL, or one a page signed), so opening CORS exposes nothing a signature does not already
 * grant. Per-bucket CORS rules (PutBucketCors) are not implemented.
 */
final class Cors {
    private static final String EXPOSED = "ETag, Content-Length, Content-Range, Content-Type, Last-Modified, "
            + "x-amz-version-id, x-amz-delete-marker, x-amz-request-id, x-amz-checksum-crc32, x-amz-checksum-crc32c, "
            + "x-amz-checksum-crc64nvme, x-amz-checksum-sha1, x-amz-checksum-sha256";

    private Cors() {
    }

    /** Lets a page from {@code Origin} read the response; nothing for requests without one. */
    static void allow(Exchange exchange) {
        String origin = exchange.header("Origin");
        if (origin != null) {
            exchange.setHeader("Access-Control-Allow-Origin", origin);
            exchange.setHeader("Access-Control-Expose-Headers", EXPOSED);
            exchange.setHeader("Vary", "Origin");
        }
    }

    /** Answers a preflight (OPTIONS): any method S3 uses, the headers the page asked for. */
    static void preflight(Exchange exchange) {
        if (exchange.header("Origin") == null || exchange.header("Access-Control-Request-Method") == null) {
            throw new S3Exception(S3Error.InvalidRequest, "a CORS preflight needs Origin and "
                    + "Access-Control-Request-Method");
        }
        allow(exchange);
        exchange.setHeader("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, HEAD");
        String headers = exchange.header("Access-Control-Request-Headers");
        if (headers != null) {
            exchange.setHeader("Access-Control-Allow-Headers", headers);
        }
        exchange.setHeader("Access-Control-Max-Age", "3600");
        exchange.status(200).contentLength(0);
    }
}
