package io.cairn.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Encodes a {@link MetaCommand} for a replicated log as {@code {"v":1,"type":"CommitVersion","c":{...}}}. The type is
 * the record's simple name, so renaming a command or a component is a log format change; decoding knows every format
 * ever written, as {@link RecordCodec} does for stored values. Stateless and thread-safe.
 */
public final class CommandCodec {
    static final int CURRENT = 1;

    private static final Map<String, Class<?>> TYPES = Arrays.stream(MetaCommand.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private CommandCodec() {
    }

    public static byte[] encode(MetaCommand command) {
        ObjectNode envelope = RecordCodec.MAPPER.createObjectNode();
        envelope.put("v", CURRENT);
        envelope.put("type", command.getClass().getSimpleName());
        envelope.set("c", RecordCodec.MAPPER.valueToTree(command));
        try {
            return RecordCodec.MAPPER.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTERNAL, "cannot encode " + command.getClass().getSimpleName(), e);
        }
    }

    /** @throws CairnException INVALID_ARGUMENT if the bytes are not a command this version understands */
    public static MetaCommand decode(byte[] bytes) {
        try {
            JsonNode envelope = RecordCodec.MAPPER.readTree(bytes);
            if (envelope == null || !envelope.path("v").isInt()) {
                throw invalid("no format envelope");
            }
            int format = envelope.get("v").intValue();
            if (format != 1) {
                throw invalid("unknown command format " + format);
            }
            Class<?> type = TYPES.get(envelope.path("type").asText());
            if (type == null || !envelope.has("c")) {
                throw invalid("unknown command type '" + envelope.path("type").asText() + "'");
            }
            return (MetaCommand) RecordCodec.MAPPER.treeToValue(envelope.get("c"), type);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw invalid(e.getMessage());
        }
    }

    private static CairnException invalid(String why) {
        return new CairnException(ErrorCode.INVALID_ARGUMENT, "not a metadata command: " + why);
    }
}
