package io.cairn.meta;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.ChunkId;
import io.cairn.core.Json;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes stored values as {@code {"v":FORMAT,"r":RECORD}}: the JSON of a record (core.model's, or this package's
 * {@link AppliedIndex} and {@link RequestRecord}) or of a String, inside an envelope naming its format version.
 * Decoding knows every format ever written; when a record changes shape, bump {@link #CURRENT}, add a case that
 * upgrades the old shape, and add golden fixtures for the new one beside the old ones (src/test/resources/golden/vN).
 * The one exception is the applied index, a bare number in v1 before it became an {@link AppliedIndex}: the JSON
 * tells the two shapes apart, so the old one is upgraded within v1.
 *
 * <p>The encoding is deterministic (map entries sorted, ids as plain strings whatever core's JSON annotations become),
 * so replicas that apply the same commands hold the same bytes. Stateless and thread-safe.
 */
final class RecordCodec {
    /**
     * 2 added optional components (S3's ETags, checksums, delete markers, versioning); a v1 record reads with their
     * defaults, and an older Cairn refuses v2 rather than silently dropping them. 3 made a chunk's replicas copies
     * (node, store incarnation, file generation) and added node states and store ids; a v1 or v2 chunk record's
     * replicas become copies of incarnation 0 and unknown generation. A new kind of record under keys of its own
     * (users, access keys, policies, bucket policies) keeps the version: no older Cairn reads those keys, and a bump
     * would make it refuse every record written since.
     */
    static final int CURRENT = 3;

    /** Shared with {@link CommandCodec}: the one JSON shape of persisted metadata. */
    static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(ChunkId.class, ChunkIdAsString.class)
            .addMixIn(NodeId.class, NodeIdAsString.class);

    private static final byte[] HEAD = ("{\"v\":" + CURRENT + ",\"r\":").getBytes(StandardCharsets.US_ASCII);

    private RecordCodec() {
    }

    static byte[] encode(Object record) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(record);
            ByteArrayOutputStream out = new ByteArrayOutputStream(HEAD.length + body.length + 1);
            out.write(HEAD);
            out.write(body);
            out.write('}');
            return out.toByteArray();
        } catch (IOException e) {
            throw new MetaStoreException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    static <T> T decode(byte[] bytes, Class<T> type) {
        if (isCurrent(bytes)) {
            // What encode() wrote: the record is read straight from its bytes, without a tree in between (the apply
            // thread and every metadata read decode records; the tree doubled their cost).
            try {
                return MAPPER.readValue(bytes, HEAD.length, bytes.length - HEAD.length - 1, type);
            } catch (IOException | RuntimeException e) {
                throw new MetaStoreException("corrupt stored " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        JsonNode envelope;
        try {
            envelope = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new MetaStoreException("corrupt stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (envelope == null || !envelope.path("v").isInt() || !envelope.has("r")) {
            throw new MetaStoreException("corrupt stored " + type.getSimpleName() + ": no format envelope");
        }
        int format = envelope.get("v").intValue();
        return switch (format) {
            case 1, 2 -> type == AppliedIndex.class && envelope.get("r").isIntegralNumber()
                    ? type.cast(new AppliedIndex(0, envelope.get("r").longValue()))
                    : convert(type == ChunkRecord.class ? replicasToCopies(envelope.get("r")) : envelope.get("r"),
                            type);
            case 3 -> convert(envelope.get("r"), type);
            default -> throw new MetaStoreException("stored " + type.getSimpleName() + " has format " + format
                    + ", newer than this version of Cairn understands (" + CURRENT + ")");
        };
    }

    /** Whether the bytes are {@link #encode}'s shape at the current format: the head, a record, and a closing brace. */
    private static boolean isCurrent(byte[] bytes) {
        return bytes.length > HEAD.length && bytes[bytes.length - 1] == '}'
                && Arrays.equals(bytes, 0, HEAD.length, HEAD, 0, HEAD.length);
    }

    /** v2's {@code "replicas":["n1",...]} as v3's copies, recorded on each node's first store incarnation. */
    private static JsonNode replicasToCopies(JsonNode record) {
        if (!record.isObject() || !record.has("replicas")) {
            return record;
        }
        ObjectNode upgraded = ((ObjectNode) record).deepCopy();
        ArrayNode copies = upgraded.putArray("copies");
        for (JsonNode node : record.get("replicas")) {
            copies.addObject().put("node", node.asText()).put("incarnation", 0).put("generation", 0);
        }
        upgraded.remove("replicas");
        return upgraded;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException | RuntimeException e) {
            throw new MetaStoreException("corrupt stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private abstract static class ChunkIdAsString {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        ChunkIdAsString(String hex) {
        }

        @JsonValue
        abstract String hex();
    }

    private abstract static class NodeIdAsString {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        NodeIdAsString(String value) {
        }

        @JsonValue
        abstract String value();
    }
}
