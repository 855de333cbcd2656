package io.cairn.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.chunk.DurableFiles;
import io.cairn.core.CairnException;
import io.cairn.core.Json;
import io.cairn.core.NodeId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a data directory belongs to: the node's id, chosen once, and the id of the cluster it joined (null until its
 * first registration). Kept in {@code node.json}:
 * {@code {"format":1,"node_id":"node-1a2b3c4d","cluster_id":"..."}}. Because the cluster id travels with every
 * registration, a disk moved to another cluster's node is refused (WRONG_CLUSTER) instead of mixing chunks.
 *
 * <p>Immutable. Saving is atomic (temp file, fsync, rename, directory fsync); callers serialise saves of one
 * directory (once a node runs, only its {@link SharedIdentity} saves).
 */
public record NodeIdentity(NodeId nodeId, String clusterId) {
    public static final String FILE_NAME = "node.json";
    /** Version tag of the stored format; a reader refuses a format it does not know rather than guess. */
    public static final int FORMAT = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    public NodeIdentity {
        Objects.requireNonNull(nodeId, "nodeId");
    }

    public NodeIdentity withClusterId(String clusterId) {
        return new NodeIdentity(nodeId, clusterId);
    }

    /** The identity stored in {@code dataDir}, or empty when the directory has none yet. */
    public static Optional<NodeIdentity> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new IllegalStateException(file + " is not a JSON object");
            }
            int format = json.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IllegalStateException(file + " has format " + json.path("format")
                        + ", this version of Cairn reads format " + FORMAT);
            }
            JsonNode cluster = json.path("cluster_id");
            return Optional.of(new NodeIdentity(new NodeId(json.path("node_id").asText(null)),
                    cluster.isTextual() ? cluster.asText() : null));
        } catch (IOException | CairnException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); restore it or move the "
                    + "data directory aside", e);
        }
    }

    /** Writes this identity to {@code dataDir/node.json} atomically and durably. */
    public void save(Path dataDir) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("node_id", nodeId.value());
        json.put("cluster_id", clusterId);
        DurableFiles.writeAtomically(dataDir.resolve(FILE_NAME), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(json));
    }

    /**
     * The directory's identity, created and saved on first use with {@code requestedId} (or a generated id).
     *
     * @param requestedId null to accept whatever is stored
     * @throws IllegalStateException when the directory already belongs to a node with another id
     */
    public static NodeIdentity loadOrCreate(Path dataDir, String requestedId) throws IOException {
        NodeId requested = requestedId == null ? null : new NodeId(requestedId);
        deleteUnfinishedSaves(dataDir);
        Optional<NodeIdentity> stored = load(dataDir);
        if (stored.isPresent()) {
            NodeIdentity identity = stored.get();
            if (requested != null && !requested.equals(identity.nodeId())) {
                throw new IllegalStateException("data directory " + dataDir + " belongs to node '" + identity.nodeId()
                        + "' (see " + FILE_NAME + "), but node id '" + requested + "' was asked for; a node's id "
                        + "cannot change: drop the id option, or use another data directory for a new node");
            }
            return identity;
        }
        NodeIdentity created = new NodeIdentity(requested != null ? requested : generateId(), null);
        Files.createDirectories(dataDir);
        created.save(dataDir);
        return created;
    }

    /** Removes temp files of a save interrupted by a crash; the rename never happened, so node.json is intact. */
    private static void deleteUnfinishedSaves(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dataDir, FILE_NAME + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** A fresh id such as {@code node-1a2b3c4d}: random, so two nodes started from blank disks never collide. */
    public static NodeId generateId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return new NodeId("node-" + HexFormat.of().formatHex(bytes));
    }
}
