package io.cairn.s3.auth;

import io.cairn.s3.auth.SignedRequest.QueryParameter;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The string SigV2 signs: {@code VERB\nContent-MD5\nContent-Type\nDate\n}, then every x-amz-* header as
 * {@code name:value\n} sorted by name, then the canonical resource: the resource path and the signed parameters of
 * the query, sorted by name.
 */
final class SigV2StringToSign {
    /**
     * The parameters signed as part of the resource, whose values are signed decoded: the subresources the AWS SDKs
     * sign (the AWS SDK for Java's list, with botocore's object-lock and select) and the response header overrides.
     * Any other parameter is not signed.
     */
    private static final Set<String> SIGNED_PARAMETERS = Set.of("accelerate", "acl", "analytics", "cors", "delete",
            "inventory", "lifecycle", "location", "logging", "metrics", "notification", "object-lock", "partNumber",
            "policy", "replication", "requestPayment", "restore", "select", "select-type", "tagging", "torrent",
            "uploadId", "uploads", "versionId", "versioning", "versions", "website",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires");

    private SigV2StringToSign() {
    }

    /**
     * @param resource the path as sent, still percent-encoded, after {@code /bucket} when the Host named the bucket
     * @param dateLine what the Date position carries, as {@link SigV2Claim#dateLine()} says
     */
    static String of(SignedRequest request, String resource, String dateLine) {
        return request.method() + "\n"
                + positional(request, "content-md5") + "\n"
                + positional(request, "content-type") + "\n"
                + dateLine + "\n"
                + amzHeaders(request)
                + resource + signedParameters(request);
    }

    /** A header the string to sign holds by position, empty when absent. */
    private static String positional(SignedRequest request, String name) {
        return request.header(name).map(String::strip).orElse("");
    }

    /** Several values of one header joined by commas, without the spaces around them. */
    private static String amzHeaders(SignedRequest request) {
        return request.headers().entrySet().stream()
                .filter(header -> header.getKey().startsWith("x-amz-"))
                .sorted(Map.Entry.comparingByKey())
                .map(header -> header.getKey() + ":"
                        + header.getValue().stream().map(String::strip).collect(Collectors.joining(",")) + "\n")
                .collect(Collectors.joining());
    }

    /** {@code ?acl&versionId=3}: a parameter without a value stands alone. */
    private static String signedParameters(SignedRequest request) {
        String signed = request.query().stream()
                .filter(p -> SIGNED_PARAMETERS.contains(p.name()))
                .sorted(Comparator.comparing(QueryParameter::name))
                .map(p -> p.value().isEmpty() ? p.name() : p.name() + "=" + p.value())
                .collect(Collectors.joining("&"));
        return signed.isEmpty() ? "" : "?" + signed;
    }
}
