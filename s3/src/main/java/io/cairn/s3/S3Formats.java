package io.cairn.s3;

import io.cairn.core.model.ObjectVersion;
import io.cairn.s3.auth.UriEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** How S3 writes dates, ETags, version ids and URL-encoded names. */
final class S3Formats {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3Formats() {
    }

    /** For XML bodies: {@code 2009-10-12T17:50:30.000Z}. */
    static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** For headers: RFC 1123, {@code Wed, 12 Oct 2009 17:50:00 GMT}. */
    static String httpDate(long epochMillis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    /**
     * How a listing writes keys and prefixes: as they are, or for {@code encoding-type=url} as URI path components
     * ({@code foo%2B1/}, {@code %0A}: slashes kept, as S3 writes them); null stays null.
     */
    static UnaryOperator<String> encoding(String encodingType) {
        return encodingType == null ? UnaryOperator.identity()
                : value -> value == null ? null : UriEncoder.keepingSlashes(value);
    }

    /** The continuation token of a V2 listing: opaque to clients, the position to resume after. */
    static String continuationToken(String after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    static String afterToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidArgument, "The continuation token provided is incorrect");
        }
    }

    /** Version ids are the version numbers; S3 calls the version written while not versioning "null". */
    static String versionId(ObjectVersion version) {
        return versionId(version.version(), version.nullVersion());
    }

    static String versionId(long version, boolean nullVersion) {
        return nullVersion ? "null" : Long.toString(version);
    }
}
