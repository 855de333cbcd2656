package io.cairn.s3;

import io.cairn.core.model.Consistency;
import io.cairn.core.model.ObjectVersion;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The headers an object keeps from its PUT and sends back on GET and HEAD: its content type, user metadata
 * ({@code x-amz-meta-*}, names lower-cased as S3 does) and the standard headers S3 stores.
 */
final class ObjectHeaders {
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    private static final String META_PREFIX = "x-amz-meta-";
    private static final Set<String> STORED = Set.of("cache-control", "content-disposition", "content-encoding",
            "content-language", "expires");
    /** S3's limit on the user metadata of one object, names and values together. */
    private static final int MAX_METADATA_BYTES = 2048;

    private ObjectHeaders() {
    }

    static String contentType(S3Call call) {
        String type = call.header("content-type");
        return type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type;
    }

    /**
     * What the write asks for in {@code x-cairn-consistency} (strong, quorum or one); null for the bucket's setting.
     */
    static Consistency consistency(S3Call call) {
        String value = call.header("x-cairn-consistency");
        return value == null ? null : Consistency.parse(value);
    }

    static Map<String, String> userMetadata(S3Call call) {
        return userMetadata(call.exchange().headers());
    }

    /** @param headers by lower-case name: a request's, or a POST form's fields */
    static Map<String, String> userMetadata(Map<String, List<String>> headers) {
        Map<String, String> metadata = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().startsWith(META_PREFIX)) {
                String name = header.getKey().substring(META_PREFIX.length());
                String value = String.join(",", header.getValue());
                metadata.put(name, value);
                bytes += name.length() + value.length();
            }
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw new S3Exception(S3Error.MetadataTooLarge, "Your metadata headers exceed the maximum allowed "
                    + "metadata size (" + MAX_METADATA_BYTES + " bytes)");
        }
        return metadata;
    }

    /** The standard headers to store; aws-chunked is how the body travelled, not how the object is encoded. */
    static Map<String, String> stored(S3Call call) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : STORED) {
            String value = call.header(name);
            if (name.equals("content-encoding") && value != null) {
                value = withoutAwsChunked(value);
            }
            if (value != null && !value.isEmpty()) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /** The value as sent when it does not name aws-chunked; otherwise the other codings, listed as HTTP lists. */
    private static String withoutAwsChunked(String encoding) {
        List<String> codings = Arrays.stream(encoding.split(",")).map(String::strip).toList();
        if (codings.stream().noneMatch(ObjectHeaders::isAwsChunked)) {
            return encoding;
        }
        return codings.stream().filter(c -> !c.isEmpty() && !isAwsChunked(c)).collect(Collectors.joining(", "));
    }

    private static boolean isAwsChunked(String coding) {
        return coding.toLowerCase(Locale.ROOT).equals("aws-chunked");
    }

    /** Writes what a GET or HEAD of {@code version} answers with, before any override from the query. */
    static void write(S3Call call, ObjectVersion version) {
        call.setHeader("Content-Type", version.contentType() == null ? DEFAULT_CONTENT_TYPE : version.contentType());
        version.headers().forEach(call::setHeader);
        version.metadata().forEach((name, value) -> call.setHeader(META_PREFIX + name, value));
    }
}
