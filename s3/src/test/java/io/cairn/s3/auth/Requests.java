package io.cairn.s3.auth;

import io.cairn.s3.auth.SignedRequest.QueryParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link SignedRequest} by hand, as the HTTP layer would hand it over. */
final class Requests {
    private final String method;
    private final String path;
    private final List<QueryParameter> query = new ArrayList<>();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private Instant now = Instant.EPOCH;

    private Requests(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Requests request(String method, String path) {
        return new Requests(method, path);
    }

    Requests query(String name, String value) {
        query.add(new QueryParameter(name, value));
        return this;
    }

    Requests header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    Requests at(Instant time) {
        now = time;
        return this;
    }

    SignedRequest build() {
        return new SignedRequest(method, path, query, headers, now);
    }
}
