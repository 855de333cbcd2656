package io.cairn.s3.router;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of one request as the router reads it: at most one subresource keyword, and the parameters by name.
 * Parameters no operation reads (presigning's X-Amz-*, response-*, the SDKs' x-id) cannot break a request, even
 * repeated. An empty value counts as absent for optional parameters, as clients send {@code prefix=}.
 */
final class Query {
    private final Subresource subresource;
    private final Map<String, String> values;
    private final Set<String> repeated;

    private Query(Subresource subresource, Map<String, String> values, Set<String> repeated) {
        this.subresource = subresource;
        this.values = values;
        this.repeated = repeated;
    }

    static Query of(List<S3HttpRequest.Param> params) {
        Subresource subresource = Subresource.NONE;
        Map<String, String> values = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (S3HttpRequest.Param param : params) {
            if (Subresource.UNMODELLED.contains(param.name())) {
                throw new S3Exception(S3Error.NotImplemented, "?" + param.name() + " is not implemented");
            }
            Subresource named = Subresource.named(param.name());
            if (named == null) {
                if (values.putIfAbsent(param.name(), param.value()) != null) {
                    repeated.add(param.name());
                }
            } else if (subresource == Subresource.NONE) {
                subresource = named;
            } else {
                throw new S3Exception(S3Error.InvalidRequest,
                        "Conflicting subresources " + subresource + " and " + named);
            }
        }
        return new Query(subresource, values, repeated);
    }

    Subresource subresource() {
        return subresource;
    }

    /** Whether the parameter is there at all, even empty: for the parameters that select an operation. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    String optional(String name) {
        String value = value(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The value as sent, an empty one kept: for parameters S3 echoes back even when empty. */
    String asSent(String name) {
        return value(name);
    }

    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw invalidArgument(name + " is required and must not be empty");
        }
        return value;
    }

    /** Absent means the current version, but an empty one is refused as S3 does. */
    String versionId() {
        String value = value("versionId");
        if (value != null && value.isEmpty()) {
            throw invalidArgument("Version id cannot be the empty string");
        }
        return value;
    }

    Integer optionalInt(String name, int min, int max) {
        String value = optional(name);
        return value == null ? null : parseInt(name, value, min, max);
    }

    int requiredInt(String name, int min, int max) {
        return parseInt(name, required(name), min, max);
    }

    Boolean optionalBoolean(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw invalidArgument(name + " must be true or false, got '" + value + "'");
    }

    /** S3 knows a single encoding, which makes the listed keys safe in XML. */
    String encodingType() {
        String value = optional("encoding-type");
        if (value != null && !value.equals("url")) {
            throw invalidArgument("Invalid Encoding Method specified in Request: encoding-type must be url");
        }
        return value;
    }

    private String value(String name) {
        if (repeated.contains(name)) {
            throw invalidArgument("Query parameter " + name + " is repeated");
        }
        return values.get(name);
    }

    /** ASCII digits only: Integer.parseInt would also take a sign and other scripts' digits. */
    private static int parseInt(String name, String value, int min, int max) {
        if (value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return (int) n;
            }
        }
        throw invalidArgument(name + " must be an integer between " + min + " and " + max + ", got '" + value + "'");
    }

    private static S3Exception invalidArgument(String message) {
        return new S3Exception(S3Error.InvalidArgument, message);
    }
}
