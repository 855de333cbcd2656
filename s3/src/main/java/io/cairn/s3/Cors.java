package io.cairn.s3;

import io.cairn.http.Exchange;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-origin access for browsers. A bucket with a CORS configuration is answered as S3 answers: the first rule
 * allowing the request's origin and method (and for a preflight, every header it asks for) decides the headers; no
 * such rule, no CORS headers, and a preflight is refused. A bucket without one, and the service itself, are open to
 * every origin, as MinIO's default is where S3 would refuse: a request still needs a valid signature (a presigned
 * URL, or one a page signed), so opening CORS exposes nothing a signature does not already grant, and apps that
 * hand browsers presigned URLs work without configuring anything. A bucket that does not exist answers as one
 * without a configuration, so a preflight, which carries no credential, learns nothing of which buckets exist.
 */
final class Cors {
    private static final String EXPOSED = "ETag, Content-Length, Content-Range, Content-Type, Last-Modified, "
            + "x-amz-version-id, x-amz-delete-marker, x-amz-request-id, x-amz-checksum-crc32, x-amz-checksum-crc32c, "
            + "x-amz-checksum-crc64nvme, x-amz-checksum-sha1, x-amz-checksum-sha256";
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";

    private final BucketCors configurations;

    Cors(BucketCors configurations) {
        this.configurations = configurations;
    }

    /**
     * Sets the CORS headers of an actual request's response, whatever its outcome; nothing for a request without
     * {@code Origin}. The method a rule must allow is the request's own, or the Access-Control-Request-Method it
     * sends (as Ceph RGW reads it; browsers send that header on preflights only).
     *
     * @param bucket null for a request to the service
     */
    void respond(Exchange exchange, String bucket) {
        String origin = exchange.header("Origin");
        if (origin == null) {
            return;
        }
        Optional<CorsConfiguration> configuration = configuration(bucket);
        if (configuration.isEmpty()) {
            open(exchange, origin);
            return;
        }
        String method = Objects.requireNonNullElse(exchange.header(REQUEST_METHOD), exchange.method());
        configuration.get().match(origin, method, List.of()).ifPresent(rule -> allow(exchange, rule, origin));
        exchange.setHeader("Vary", VARY);
    }

    /** Answers a preflight (OPTIONS), or refuses it with 403 AccessForbidden if no rule allows it. */
    void preflight(Exchange exchange, String bucket) {
        String origin = exchange.header("Origin");
        String method = exchange.header(REQUEST_METHOD);
        if (origin == null || method == null) {
            throw new S3Exception(S3Error.InvalidRequest, "a CORS preflight needs Origin and "
                    + "Access-Control-Request-Method");
        }
        String headers = exchange.header("Access-Control-Request-Headers");
        Optional<CorsConfiguration> configuration = configuration(bucket);
        if (configuration.isEmpty()) {
            open(exchange, origin);
            exchange.setHeader("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, HEAD");
            exchange.setHeader("Access-Control-Max-Age", "3600");
        } else {
            List<String> requested = requestedHeaders(headers);
            CorsRule rule = configuration.get().match(origin, method, requested).orElseThrow(
                    () -> new S3Exception(S3Error.AccessForbidden, "CORSResponse: This CORS request is not allowed. "
                            + "This is usually because the evaluation of Origin, request method / "
                            + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by "
                            + "the resource's CORS spec."));
            allow(exchange, rule, origin);
            exchange.setHeader("Vary", VARY);
        }
        if (headers != null) {
            exchange.setHeader("Access-Control-Allow-Headers", headers);
        }
        exchange.status(200).contentLength(0);
    }

    private Optional<CorsConfiguration> configuration(String bucket) {
        return bucket == null ? Optional.empty() : configurations.remembered(bucket);
    }

    private static void open(Exchange exchange, String origin) {
        exchange.setHeader("Access-Control-Allow-Origin", origin);
        exchange.setHeader("Access-Control-Expose-Headers", EXPOSED);
        exchange.setHeader("Vary", "Origin");
    }

    /** Only a rule naming origins may let the page send credentials: {@code *} and credentials do not go together. */
    private static void allow(Exchange exchange, CorsRule rule, String origin) {
        if (rule.anyOrigin()) {
            exchange.setHeader("Access-Control-Allow-Origin", "*");
        } else {
            exchange.setHeader("Access-Control-Allow-Origin", origin);
            exchange.setHeader("Access-Control-Allow-Credentials", "true");
        }
        exchange.setHeader("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!rule.exposeHeaders().isEmpty()) {
            exchange.setHeader("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            exchange.setHeader("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        }
    }

    /** The header names a preflight asks to send, lower case, without the empty ones a stray comma makes. */
    static List<String> requestedHeaders(String header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
    }
}
