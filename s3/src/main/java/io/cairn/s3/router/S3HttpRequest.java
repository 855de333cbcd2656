package io.cairn.s3.router;

import io.cairn.core.CairnException;
import io.cairn.http.PercentCodec;
import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * What the router needs of an HTTP request, free of the server's types.
 *
 * @param method the HTTP method, as sent (upper case)
 * @param host the Host header (a port is allowed), or null
 * @param path the percent-decoded path, starting with "/"
 * @param query the decoded query parameters in request order; a bare {@code ?uploads} has the value ""
 * @param headers header lookup by case-insensitive name, null when absent
 */
public record S3HttpRequest(String method, String host, String path, List<Param> query,
        UnaryOperator<String> headers) {

    public record Param(String name, String value) {
        public Param {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    public S3HttpRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        query = List.copyOf(query);
        Objects.requireNonNull(headers);
    }

    /**
     * Decodes a request as it came on the wire. The path is decoded as RFC 3986 says ('+' stays a plus, so a key may
     * hold one); the query as a form ('+' is a space), which is how S3 reads both.
     *
     * @throws S3Exception InvalidArgument when a percent-escape is broken or does not decode to UTF-8
     */
    public static S3HttpRequest fromRaw(String method, String host, String rawPath, String rawQuery,
            UnaryOperator<String> headers) {
        return new S3HttpRequest(method, host, decodePath(rawPath), decodeQuery(rawQuery), headers);
    }

    public String header(String name) {
        return headers.apply(name);
    }

    private static String decodePath(String rawPath) {
        try {
            return PercentCodec.decodePath(rawPath);
        } catch (CairnException e) {
            throw malformed(e);
        }
    }

    private static List<Param> decodeQuery(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (rawQuery != null) {
            try {
                UrlEncoded.decodeTo(rawQuery, (name, value) -> params.add(new Param(name, value)),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw malformed(e);
            }
        }
        return params;
    }

    private static S3Exception malformed(RuntimeException e) {
        return new S3Exception(S3Error.InvalidArgument, "Couldn't parse the specified URI: " + e.getMessage());
    }
}
