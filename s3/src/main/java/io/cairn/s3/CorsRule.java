package io.cairn.s3;

import java.util.List;
import java.util.Locale;

/**
 * One CORSRule of a bucket's CORS configuration, as checked by {@link CorsConfiguration#parse}: the origins (each
 * with at most one {@code *}), methods and request headers (each with at most one {@code *}, compared without case)
 * it allows, what it lets the page read and how long a browser may keep a preflight's answer.
 *
 * @param id            null for none
 * @param maxAgeSeconds null for none
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods,
                       List<String> allowedHeaders, List<String> exposeHeaders, Integer maxAgeSeconds) {
    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /**
     * Whether the rule allows a request from {@code origin} with {@code method} and, for a preflight, every header
     * the browser asks to send (an actual request's headers are not checked, as in S3).
     *
     * @param requestHeaders the preflight's Access-Control-Request-Headers, lower case; empty for none
     */
    boolean allows(String origin, String method, List<String> requestHeaders) {
        return allowedMethods.contains(method)
                && allowedOrigins.stream().anyMatch(allowed -> matches(allowed, origin))
                && requestHeaders.stream().allMatch(header -> allowedHeaders.stream()
                        .anyMatch(allowed -> matches(allowed.toLowerCase(Locale.ROOT), header)));
    }

    /** A rule allowing the origin {@code *} answers every origin with {@code *}, not with the origin itself. */
    boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    /** Whether {@code value} is {@code pattern}, whose one {@code *}, if any, stands for any run of characters. */
    static boolean matches(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix)
                && value.endsWith(suffix);
    }
}
