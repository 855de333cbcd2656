package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the verifier needs of an HTTP request, as the HTTP layer received it. The verifier rebuilds the canonical
 * request from these decoded parts itself, so how the client happened to escape its URL does not matter.
 *
 * @param path    the percent-decoded path, e.g. {@code /bucket/my key}
 * @param query   the decoded query parameters in arrival order; a parameter without '=' has the value ""
 * @param headers header values by name; names are lower-cased here, values kept in arrival order
 * @param now     the server's current time, against which request times and expiries are judged
 */
public record SignedRequest(String method, String path, List<QueryParameter> query, Map<String, List<String>> headers,
        Instant now) {

    public record QueryParameter(String name, String value) {
    }

    public SignedRequest {
        query = List.copyOf(query);
        Map<String, List<String>> lowerCased = new HashMap<>();
        headers.forEach((name, values) ->
                lowerCased.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        headers = lowerCased.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /**
     * Which signature the request carries: the scheme of its Authorization header says, or else the parameters of
     * its query.
     *
     * @throws S3Exception InvalidArgument when it carries more than one
     */
    public SignatureVersion signatureVersion() {
        boolean header = hasAuthorizationHeader();
        boolean v4Query = QueryAuthorization.isPresigned(this);
        boolean v2Query = SigV2Claim.isPresigned(this);
        if (Stream.of(header, v4Query, v2Query).filter(present -> present).count() > 1) {
            throw new S3Exception(S3Error.InvalidArgument, "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be "
                    + "specified");
        }
        if (header) {
            return SigV2Claim.isSchemeOf(header("authorization").orElseThrow()) ? SignatureVersion.V2
                    : SignatureVersion.V4;
        }
        return v4Query ? SignatureVersion.V4 : v2Query ? SignatureVersion.V2 : SignatureVersion.NONE;
    }

    /** The first value of a header, its name in any case. */
    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    Optional<String> queryValue(String name) {
        return query.stream().filter(p -> p.name().equals(name)).map(QueryParameter::value).findFirst();
    }

    boolean hasAuthorizationHeader() {
        return headers.containsKey("authorization");
    }
}
