package io.cairn.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The policy of a signed browser form (POST Object): a base64 JSON document with an {@code expiration} and the
 * {@code conditions} the form must meet, as AWS's "POST Policy" specifies them: an exact match
 * ({@code {"acl": "private"}} or {@code ["eq", "$acl", "private"]}), a prefix ({@code ["starts-with", "$key",
 * "user/"]}, {@code ""} allowing anything) and the file's size ({@code ["content-length-range", 0, 1024]}). Every
 * field of the form must be named by a condition, except those that carry the signature and the ones AWS exempts.
 * Field names and operators match in any case; values exactly. A document S3 would not read is 400
 * InvalidPolicyDocument; a form the policy does not allow, 403 AccessDenied, worded as S3 words both.
 */
final class PostPolicy {
    /** Duplicate keys are refused: a reader and Cairn could disagree on which one counts. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** ISO 8601 in UTC, with or without fractions of a second: {@code 2013-08-01T12:00:00.000Z}. */
    private static final DateTimeFormatter EXPIRATION = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendLiteral('Z').toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> MEMBERS = Set.of("expiration", "conditions");
    /**
     * Fields no condition needs to name: the signature's own (AWS's list), and the file's digests (Content-MD5,
     * x-amz-checksum-*), which can only refuse a file, never widen what a form may store (ceph/s3-tests sends a
     * checksum no condition names and expects the upload stored).
     */
    private static final Set<String> EXEMPT = Set.of("policy", "signature", "awsaccesskeyid", "x-amz-signature",
            "file", "content-md5");
    private static final String IGNORED_PREFIX = "x-ignore-";
    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";

    /** A condition on a form field, named as the policy spells it ({@code $Content-Type}). */
    private record FieldCondition(String operator, String field, String value) {
        /** The lower-cased field name, null when the policy names none (no leading {@code $}: S3 fails it). */
        String name() {
            return field.startsWith("$") ? field.substring(1).toLowerCase(Locale.ROOT) : null;
        }

        boolean holds(Function<String, String> fields) {
            String actual = name() == null ? null : fields.apply(name());
            if (actual == null) {
                return false;
            }
            if (operator.equals("eq")) {
                return actual.equals(value);
            }
            // A Content-Type may list several types; each must have the prefix (AWS's "comma-separated list").
            if (name().equals("content-type")) {
                return Arrays.stream(actual.split(",", -1)).allMatch(type -> type.strip().startsWith(value));
            }
            return actual.startsWith(value);
        }

        @Override
        public String toString() {
            return "[" + List.of(operator, field, value).stream().map(PostPolicy::quoted)
                    .collect(Collectors.joining(", ")) + "]";
        }
    }

    /** The sizes of file a policy allows, both bounds inclusive. */
    record LengthRange(long min, long max) {
        static final LengthRange ANY = new LengthRange(0, Long.MAX_VALUE);

        /** The file, refused with EntityTooLarge as soon as it is larger, EntityTooSmall at its end if smaller. */
        InputStream check(InputStream file) {
            return new FilterInputStream(file) {
                private long size;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    counted(b < 0 ? -1 : 1);
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return counted(in.read(b, off, len));
                }

                private int counted(int n) {
                    if (n > 0) {
                        size += n;
                        if (size > max) {
                            throw new S3Exception(S3Error.EntityTooLarge, "Your proposed upload exceeds the maximum "
                                    + "allowed size: at most " + max + " bytes");
                        }
                    } else if (n < 0 && size < min) {
                        throw new S3Exception(S3Error.EntityTooSmall, "Your proposed upload is smaller than the "
                                + "minimum allowed size: " + size + " bytes, at least " + min);
                    }
                    return n;
                }
            };
        }
    }

    private final Instant expiration;
    private final List<FieldCondition> conditions;
    private final LengthRange lengthRange;

    private PostPolicy(Instant expiration, List<FieldCondition> conditions, LengthRange lengthRange) {
        this.expiration = expiration;
        this.conditions = conditions;
        this.lengthRange = lengthRange;
    }

    /** @throws S3Exception InvalidPolicyDocument when the document is not one S3 reads */
    static PostPolicy parse(String base64) {
        JsonNode root = read(base64);
        if (!root.isObject()) {
            throw invalid("the policy must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw invalid("Unexpected: '" + name.toLowerCase(Locale.ROOT) + "'");
            }
        }
        JsonNode expiration = root.get("expiration");
        if (expiration == null) {
            throw invalid("Policy missing expiration.");
        }
        JsonNode conditions = root.get("conditions");
        if (conditions == null) {
            throw invalid("Policy missing conditions.");
        }
        if (!conditions.isArray()) {
            throw invalid("Invalid 'conditions' value: must be a List.");
        }
        List<FieldCondition> fieldConditions = new ArrayList<>();
        LengthRange range = LengthRange.ANY;
        for (JsonNode condition : conditions) {
            if (condition.isObject()) {
                fieldConditions.add(simple(condition));
            } else if (condition.isArray()) {
                String operator = operator(condition);
                if (operator.equals("content-length-range")) {
                    LengthRange more = lengthRange(condition);
                    range = new LengthRange(Math.max(range.min(), more.min()), Math.min(range.max(), more.max()));
                } else {
                    fieldConditions.add(new FieldCondition(operator, text(condition, 1), text(condition, 2)));
                }
            } else {
                throw invalid("Invalid condition test: must be a List or Object.");
            }
        }
        return new PostPolicy(expiration(expiration), List.copyOf(fieldConditions), range);
    }

    /** @throws S3Exception AccessDenied once the expiration has passed */
    void requireUnexpired(Instant now) {
        if (!now.isBefore(expiration)) {
            throw denied("Policy expired.");
        }
    }

    /**
     * Checks the form's fields against the conditions, and that every field is named by one.
     *
     * @param fields the form's fields before its file, lower-cased, the key's {@code ${filename}} expanded
     * @param bucket the bucket posted to, which a {@code bucket} condition names (a form's own bucket field aside)
     * @return the file sizes the policy allows
     * @throws S3Exception AccessDenied naming the first condition that fails or the fields none names
     */
    LengthRange check(Map<String, String> fields, String bucket) {
        Set<String> named = new HashSet<>();
        Function<String, String> values = name -> name.equals("bucket") ? bucket : fields.get(name);
        for (FieldCondition condition : conditions) {
            if (!condition.holds(values)) {
                throw denied("Policy Condition failed: " + condition);
            }
            named.add(condition.name());
        }
        List<String> extra = fields.keySet().stream().filter(name -> !named.contains(name) && !exempt(name))
                .toList();
        if (!extra.isEmpty()) {
            throw denied("Extra input fields: " + String.join(", ", extra));
        }
        return lengthRange;
    }

    private static boolean exempt(String name) {
        return EXEMPT.contains(name) || name.startsWith(IGNORED_PREFIX) || name.startsWith(CHECKSUM_PREFIX);
    }

    private static JsonNode read(String base64) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("invalid Base64 encoding.");
        }
        try {
            return MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw invalid("Invalid JSON.");
        }
    }

    private static Instant expiration(JsonNode node) {
        if (node.isTextual()) {
            try {
                return LocalDateTime.parse(node.asText(), EXPIRATION).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw invalid("Invalid 'expiration' value: " + quoted(node.asText()));
    }

    private static FieldCondition simple(JsonNode condition) {
        if (condition.size() != 1) {
            throw invalid("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        }
        Map.Entry<String, JsonNode> only = condition.fields().next();
        if (!only.getValue().isTextual()) {
            throw invalid("Invalid Simple-Condition: value must be a string.");
        }
        return new FieldCondition("eq", "$" + only.getKey(), only.getValue().asText());
    }

    private static String operator(JsonNode condition) {
        if (condition.isEmpty() || !condition.get(0).isTextual()) {
            throw invalid("Invalid Condition: missing operation identifier.");
        }
        String operator = condition.get(0).asText().toLowerCase(Locale.ROOT);
        if (!Set.of("eq", "starts-with", "content-length-range").contains(operator)) {
            throw invalid("Invalid Condition: unknown operation '" + condition.get(0).asText() + "'.");
        }
        if (condition.size() != 3) {
            throw invalid("Invalid " + operator + ": wrong number of arguments.");
        }
        return operator;
    }

    private static String text(JsonNode condition, int index) {
        JsonNode node = condition.get(index);
        if (!node.isTextual()) {
            throw invalid("Invalid " + condition.get(0).asText() + ": each argument must be a string.");
        }
        return node.asText();
    }

    /** Whole numbers of bytes, or their decimal text as S3 accepts too; min at most max. */
    private static LengthRange lengthRange(JsonNode condition) {
        long min = bound(condition.get(1));
        long max = bound(condition.get(2));
        if (min > max) {
            throw invalid("Invalid content-length-range: the minimum " + min + " is larger than the maximum " + max);
        }
        return new LengthRange(min, max);
    }

    private static long bound(JsonNode node) {
        try {
            long value = node.isIntegralNumber() && node.canConvertToLong() ? node.asLong()
                    : node.isTextual() ? Long.parseLong(node.asText().strip()) : -1;
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("Invalid content-length-range: each bound is a whole number of bytes, at least 0; got " + node);
    }

    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }

    private static S3Exception invalid(String detail) {
        return new S3Exception(S3Error.InvalidPolicyDocument, "Invalid Policy: " + detail);
    }

    private static S3Exception denied(String detail) {
        return new S3Exception(S3Error.AccessDenied, "Invalid according to Policy: " + detail);
    }
}
