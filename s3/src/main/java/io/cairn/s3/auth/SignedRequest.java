package io.cairn.s3.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** No Authorization header and no presigned query: the handler decides whether anonymous access is allowed. */
    public boolean isAnonymous() {
        return !hasAuthorizationHeader() && !hasPresignedQuery();
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

    boolean hasPresignedQuery() {
        return queryValue(QueryAuthorization.ALGORITHM).isPresent()
                || queryValue(QueryAuthorization.SIGNATURE).isPresent();
    }
}
