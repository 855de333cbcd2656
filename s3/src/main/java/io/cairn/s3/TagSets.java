package io.cairn.s3;

import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * S3's tag sets, of an object version or of a bucket: read from a write's {@code x-amz-tagging} header (a URL-encoded
 * query string, {@code k1=v1&k2}) or from a {@code Tagging} document, and written back as one. A set is refused whole
 * (InvalidTag) unless it keeps S3's limits: at most {@link #OBJECT_LIMIT} tags on an object and {@link #BUCKET_LIMIT}
 * on a bucket, each key given once, 1 to 128 Unicode characters long and not starting with {@code aws:} (reserved
 * for AWS's own tags), each value at most 256, both of letters, digits, spaces and {@code + - = . _ : / @} only.
 */
final class TagSets {
    static final int OBJECT_LIMIT = 10;
    static final int BUCKET_LIMIT = 50;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;
    /** 50 tags of the longest key and value, 4 bytes a character, with their markup, fit. */
    private static final int MAX_DOCUMENT = 160 * 1024;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final String RESERVED_PREFIX = "aws:";
    private static final String HEADER = "x-amz-tagging";

    private TagSets() {
    }

    /** The tags a write's {@code x-amz-tagging} header asks for, in the order given; none without the header. */
    static Map<String, String> fromHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null) {
            return tags;
        }
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (tags.putIfAbsent(key, value) != null) {
                throw malformedHeader();
            }
        }
        check(tags, OBJECT_LIMIT);
        return tags;
    }

    /** A tag set as an {@code x-amz-tagging} header gives it, for what {@link #fromHeader} reads back. */
    static String toHeader(Map<String, String> tags) {
        StringBuilder header = new StringBuilder();
        tags.forEach((key, value) -> header.append(header.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return header.toString();
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformedHeader();
        }
    }

    private static S3Exception malformedHeader() {
        return new S3Exception(S3Error.InvalidArgument, "The header '" + HEADER + "' shall be encoded as UTF-8 then "
                + "URLEncoded URL query parameters without tag name duplicates.");
    }

    /** The tags of a PutObjectTagging or PutBucketTagging body, in the order given. */
    static Map<String, String> fromBody(S3Call call, int limit) throws IOException {
        return fromDocument(call.xmlBody(MAX_DOCUMENT), limit);
    }

    /** @param body null when the request had none */
    static Map<String, String> fromDocument(XmlBody body, int limit) {
        if (body == null || !body.rootName().equals("Tagging")) {
            throw malformedDocument();
        }
        List<XmlBody> sets = body.children("TagSet");
        if (sets.size() != 1) {
            throw malformedDocument();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlBody tag : sets.getFirst().children("Tag")) {
            String key = tag.text("Key");
            String value = tag.text("Value");
            if (key == null || value == null) {
                throw malformedDocument();
            }
            if (tags.putIfAbsent(key, value) != null) {
                throw new S3Exception(S3Error.InvalidTag, "Cannot provide multiple Tags with the same key");
            }
        }
        check(tags, limit);
        return tags;
    }

    private static S3Exception malformedDocument() {
        return new S3Exception(S3Error.MalformedXML, "The XML you provided was not well-formed or did not validate "
                + "against our published schema");
    }

    private static void check(Map<String, String> tags, int limit) {
        if (tags.size() > limit) {
            throw new S3Exception(S3Error.InvalidTag, (limit == OBJECT_LIMIT ? "Object" : "Bucket")
                    + " tags cannot be greater than " + limit);
        }
        tags.forEach((key, value) -> {
            int keyLength = key.codePointCount(0, key.length());
            if (keyLength == 0 || !ALLOWED.matcher(key).matches()) {
                throw new S3Exception(S3Error.InvalidTag, "The TagKey you have provided is invalid");
            }
            if (keyLength > MAX_KEY) {
                throw new S3Exception(S3Error.InvalidTag, "The TagKey you have provided is too long, max " + MAX_KEY);
            }
            if (key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
                throw new S3Exception(S3Error.InvalidTag, "System tags cannot be added/updated by requester");
            }
            if (!ALLOWED.matcher(value).matches()) {
                throw new S3Exception(S3Error.InvalidTag, "The TagValue you have provided is invalid");
            }
            if (value.codePointCount(0, value.length()) > MAX_VALUE) {
                throw new S3Exception(S3Error.InvalidTag, "The TagValue you have provided is too long, max "
                        + MAX_VALUE);
            }
        });
    }

    /** The Tagging document of a tag set, in the order the set has (a stored one is sorted by key). */
    static XmlWriter document(Map<String, String> tags) {
        XmlWriter xml = XmlWriter.document("Tagging").start("TagSet");
        tags.forEach((key, value) -> xml.start("Tag").element("Key", key).element("Value", value).end());
        return xml.end();
    }
}
