package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.CairnException;
import io.cairn.core.Json;
import io.cairn.core.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @TempDir
    Path dir;

    @Test
    void aFirstStartGeneratesAndStoresAnId() throws IOException {
        NodeIdentity created = NodeIdentity.loadOrCreate(dir, null);

        assertThat(created.nodeId().value()).matches("node-[0-9a-f]{8}");
        assertThat(created.clusterId()).isNull();
        assertThat(NodeIdentity.load(dir)).contains(created);
        assertThat(NodeIdentity.loadOrCreate(dir, null)).isEqualTo(created);
        JsonNode json = Json.MAPPER.readTree(dir.resolve("node.json").toFile());
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("node_id").asText()).isEqualTo(created.nodeId().value());
        assertThat(json.get("cluster_id").isNull()).isTrue();
    }

    @Test
    void aGivenIdIsTakenOnFirstStartAndMustMatchLater() throws IOException {
        NodeIdentity created = NodeIdentity.loadOrCreate(dir, "rack1-a");

        assertThat(created.nodeId()).isEqualTo(new NodeId("rack1-a"));
        assertThat(NodeIdentity.loadOrCreate(dir, "rack1-a")).isEqualTo(created);
        assertThatThrownBy(() -> NodeIdentity.loadOrCreate(dir, "rack1-b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to node 'rack1-a'")
                .hasMessageContaining("'rack1-b'");
        assertThatThrownBy(() -> NodeIdentity.loadOrCreate(dir.resolve("other"), "bad id!"))
                .isInstanceOf(CairnException.class);
    }

    @Test
    void theClusterIdIsSavedAndReadBack() throws IOException {
        NodeIdentity joined = NodeIdentity.loadOrCreate(dir, null).withClusterId("c-42");

        joined.save(dir);

        assertThat(NodeIdentity.load(dir)).contains(joined);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("node.json"));
        }
    }

    @Test
    void aSaveInterruptedByACrashIsCleanedUp() throws IOException {
        NodeIdentity created = NodeIdentity.loadOrCreate(dir, null);
        Files.writeString(dir.resolve("node.json.0f1e2d3c.tmp"), "{\"format\":1,");

        assertThat(NodeIdentity.loadOrCreate(dir, null)).isEqualTo(created);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("node.json"));
        }
    }

    @Test
    void decodesTheStoredFormatOneFixture() throws IOException {
        Files.writeString(dir.resolve("node.json"),
                "{\"format\":1,\"node_id\":\"node-0badcafe\",\"cluster_id\":\"3f2c\",\"future_field\":true}");

        assertThat(NodeIdentity.load(dir)).contains(new NodeIdentity(new NodeId("node-0badcafe"), "3f2c"));
    }

    @Test
    void refusesAnUnknownFormatOrADamagedFile() throws IOException {
        Files.writeString(dir.resolve("node.json"), "{\"format\":2,\"node_id\":\"node-1\"}");
        assertThatThrownBy(() -> NodeIdentity.load(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 2");

        Files.writeString(dir.resolve("node.json"), "{\"format\":1,\"node_");
        assertThatThrownBy(() -> NodeIdentity.load(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }
}
