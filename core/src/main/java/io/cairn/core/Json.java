package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The one JSON configuration every process uses for its wire types and stored records. An {@link ObjectMapper} is
 * thread-safe once configured, so one instance is shared; it holds no state of ours.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .build();
    private static final Pattern NESTED_SOURCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private Json() {
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a client should read: a field a record requires ({@code Objects.requireNonNull(value, "name")} in its
     * constructor) named as missing, a refusal of the record's own ({@link CairnException}) as it said it.
     */
    private static String problem(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CairnException refused) {
            return refused.getMessage();
        }
        if (cause instanceof NullPointerException missing && missing.getMessage() != null
                && missing.getMessage().matches("[A-Za-z_]+")) {
            return "'" + missing.getMessage() + "' is missing or null";
        }
        return parserMessage(e);
    }

    /**
     * Jackson's own words for what is wrong, without the "[Source: REDACTED …]" it puts into a nested location (the
     * start of an unclosed array or object): a client reads "start marker at line 1, column 40".
     */
    public static String parserMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? "not valid JSON" : NESTED_SOURCE.matcher(message).replaceAll("line $1, column $2");
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.BAD_REQUEST, "malformed JSON for " + type.getSimpleName() + ": "
                    + problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
