package io.cairn.s3;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * The conditional headers of a read, evaluated in the order RFC 9110 §13.2.2 and S3 use: If-Match, then
 * If-Unmodified-Since (only without If-Match), then If-None-Match, then If-Modified-Since (only without
 * If-None-Match). The same rules serve CopyObject's {@code x-amz-copy-source-if-*} headers.
 */
final class Preconditions {
    /** What a read should do. */
    enum Outcome { PROCEED, NOT_MODIFIED }

    private Preconditions() {
    }

    /**
     * @param headers      looks a header up by name
     * @param prefix       "" for a read's own headers, "x-amz-copy-source-" for a copy's source
     * @param etag         the object's ETag, unquoted
     * @param lastModified epoch milliseconds
     * @throws S3Exception PreconditionFailed when If-Match or If-Unmodified-Since fails
     */
    static Outcome evaluate(UnaryOperator<String> headers, String prefix, String etag, long lastModified) {
        String ifMatch = headers.apply(prefix + "if-match");
        String ifUnmodifiedSince = headers.apply(prefix + "if-unmodified-since");
        String ifNoneMatch = headers.apply(prefix + "if-none-match");
        String ifModifiedSince = headers.apply(prefix + "if-modified-since");
        long seconds = lastModified / 1000; // HTTP dates have whole seconds
        if (ifMatch != null) {
            if (!matches(ifMatch, etag)) {
                throw failed(prefix + "If-Match");
            }
        } else if (ifUnmodifiedSince != null) {
            Long since = date(ifUnmodifiedSince);
            if (since != null && seconds > since) {
                throw failed(prefix + "If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag)) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (ifModifiedSince != null) {
            Long since = date(ifModifiedSince);
            if (since != null && seconds <= since) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /** The ETag a write's If-Match names (S3's conditional overwrite), unquoted; null without the header. */
    static String writeIfMatch(S3Call call) {
        String ifMatch = call.header("if-match");
        return ifMatch == null ? null : unquote(ifMatch.strip());
    }

    /** Whether a list of entity tags (or "*") names {@code etag}; weak tags compare by their value. */
    static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || unquote(tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String unquote(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }

    /** Seconds since the epoch, or null for a date that does not parse (S3 then ignores the header). */
    private static Long date(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static S3Exception failed(String header) {
        return new S3Exception(S3Error.PreconditionFailed, "At least one of the pre-conditions you specified did not "
                + "hold (" + header + ")");
    }
}
