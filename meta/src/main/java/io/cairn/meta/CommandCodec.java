package io.cairn.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Encodes a {@link MetaCommand} for a replicated log as {@code {"v":2,"type":"CommitVersion","c":{...}}}, or several as
 * a batch ({@link #encodeBatch}). The type is
 * the record's simple name, so renaming a command or a component is a log format change; decoding knows every format
 * ever written, as {@link RecordCodec} does for stored values. Stateless and thread-safe.
 */
public final class CommandCodec {
    /**
     * 2 added optional components (S3's content info, versioning); a v1 command reads with their defaults. 3 added the
     * chunk-copy and node-lifecycle commands and the generations of written copies; v1 and v2 entries read with none.
     * A new command type alone (consistency, users, access keys, policies) changes no existing shape and keeps the
     * version: an older Cairn refuses an unknown type as it would an unknown format, and a bump would only make it
     * refuse every other command as well.
     */
    static final int CURRENT = 3;

    private static final Map<String, Class<?>> TYPES = Arrays.stream(MetaCommand.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private CommandCodec() {
    }

    public static byte[] encode(MetaCommand command) {
        ObjectNode envelope = RecordCodec.MAPPER.createObjectNode();
        envelope.put("v", CURRENT);
        typed(envelope, command);
        return bytes(envelope);
    }

    /**
     * Several commands in one log entry, {@code {"v":2,"batch":[{"type":…,"c":…},…]}}: one Raft entry (one append,
     * one fsync, one replication round) for as many commands as were waiting.
     */
    public static byte[] encodeBatch(List<MetaCommand> commands) {
        ObjectNode envelope = RecordCodec.MAPPER.createObjectNode();
        envelope.put("v", CURRENT);
        ArrayNode batch = envelope.putArray("batch");
        for (MetaCommand command : commands) {
            typed(batch.addObject(), command);
        }
        return bytes(envelope);
    }

    /** The commands of a log entry: one, or a batch. */
    public static List<MetaCommand> decodeEntry(byte[] bytes) {
        JsonNode envelope = envelope(bytes);
        if (!envelope.has("batch")) {
            return List.of(command(envelope));
        }
        List<MetaCommand> commands = new ArrayList<>();
        for (JsonNode item : envelope.get("batch")) {
            commands.add(command(item));
        }
        if (commands.isEmpty()) {
            throw invalid("empty batch");
        }
        return commands;
    }

    private static void typed(ObjectNode node, MetaCommand command) {
        node.put("type", command.getClass().getSimpleName());
        node.set("c", RecordCodec.MAPPER.valueToTree(command));
    }

    private static byte[] bytes(ObjectNode envelope) {
        try {
            return RecordCodec.MAPPER.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTERNAL, "cannot encode a metadata command", e);
        }
    }

    /** @throws CairnException INVALID_ARGUMENT if the bytes are not a command this version understands */
    public static MetaCommand decode(byte[] bytes) {
        return command(envelope(bytes));
    }

    private static JsonNode envelope(byte[] bytes) {
        try {
            JsonNode envelope = RecordCodec.MAPPER.readTree(bytes);
            if (envelope == null || !envelope.path("v").isInt()) {
                throw invalid("no format envelope");
            }
            int format = envelope.get("v").intValue();
            if (format < 1 || format > CURRENT) {
                throw invalid("unknown command format " + format);
            }
            return envelope;
        } catch (IOException e) {
            throw invalid(e.getMessage());
        }
    }

    private static MetaCommand command(JsonNode node) {
        try {
            Class<?> type = TYPES.get(node.path("type").asText());
            if (type == null || !node.has("c")) {
                throw invalid("unknown command type '" + node.path("type").asText() + "'");
            }
            return (MetaCommand) RecordCodec.MAPPER.treeToValue(node.get("c"), type);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw invalid(e.getMessage());
        }
    }

    private static CairnException invalid(String why) {
        return new CairnException(ErrorCode.INVALID_ARGUMENT, "not a metadata command: " + why);
    }
}
