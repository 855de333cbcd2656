package io.cairn.s3.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The canonical request of SigV4, rebuilt from the decoded request exactly as S3 builds it. */
final class CanonicalRequest {
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private CanonicalRequest() {
    }

    static String of(SignedRequest request, List<String> signedHeaders, String contentSha256) {
        return String.join("\n", request.method(), UriEncoder.path(request.path()), query(request),
                headers(request, signedHeaders), String.join(";", signedHeaders), contentSha256);
    }

    /** Sorted by encoded name, then encoded value; a presigned URL's own signature is not part of what it signs. */
    private static String query(SignedRequest request) {
        return request.query().stream()
                .filter(p -> !p.name().equals(QueryAuthorization.SIGNATURE))
                .map(p -> Map.entry(UriEncoder.queryComponent(p.name()), UriEncoder.queryComponent(p.value())))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
    }

    /** One {@code name:value} line per signed header, several values joined by commas, each line ending in LF. */
    private static String headers(SignedRequest request, List<String> signedHeaders) {
        StringBuilder lines = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = request.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            lines.append(name).append(':')
                    .append(values.stream().map(CanonicalRequest::normalize).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return lines.toString();
    }

    private static String normalize(String value) {
        return SPACES.matcher(value.strip()).replaceAll(" ");
    }
}
