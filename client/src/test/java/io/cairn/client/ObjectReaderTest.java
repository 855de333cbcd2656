package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ChunkLocation;
import io.cairn.api.Manifest;
import io.cairn.api.Replica;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.ObjectVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check a download makes before its status line: every chunk of its range has a replica that may be read. */
class ObjectReaderTest {
    static final int CHUNK = 100;
    long now = 1_000_000_000L;
    final NodeHealth health = new NodeHealth(() -> now);
    final ObjectReader reader = new ObjectReader(null, null, ColocatedNodes.NONE, Runnable::run, Runnable::run, DataPathSettings.DEFAULT, health);
    final NodeId a = new NodeId("a");
    final NodeId b = new NodeId("b");
    final NodeId c = new NodeId("c");

    static Replica live(NodeId node) {
        return new Replica(node, "http://" + node.value(), true, 0, false);
    }

    static Replica down(NodeId node) {
        return new Replica(node, "http://" + node.value(), false, 0, true);
    }

    /** Chunks of {@link #CHUNK} bytes (the last {@code lastSize}), each with the replicas given. */
    static Manifest manifest(int lastSize, List<List<Replica>> replicas) {
        List<ChunkLocation> chunks = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < replicas.size(); i++) {
            int size = i == replicas.size() - 1 ? lastSize : CHUNK;
            chunks.add(new ChunkLocation(new ChunkId("%064x".formatted(i)), size, offset, replicas.get(i)));
            offset += size;
        }
        ObjectVersion version = new ObjectVersion("default", "f", 1, offset, CHUNK, 2, 0, null, Map.of(), List.of(),
                null, false, false, null, Map.of(), List.of(), null);
        return new Manifest(version, chunks);
    }

    @Test
    void aRangeWhoseChunksEachHaveALiveReplicaPasses() {
        Manifest m = manifest(CHUNK, List.of(List.of(down(a), live(b)), List.of(live(c)), List.of(live(a))));
        assertThatCode(() -> reader.requireLive(m, 0, 300)).doesNotThrowAnyException();
    }

    @Test
    void aChunkWhoseReplicasAreAllDownRefusesTheWholeFileAndEveryRangeThatTouchesIt() {
        Manifest m = manifest(50, List.of(List.of(live(a), live(b)), List.of(down(b), down(c)), List.of(live(a))));
        assertThatThrownBy(() -> reader.requireLive(m, 0, 250)).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_NODES);
            assertThat(e.retryAfter()).contains(ObjectReader.UNAVAILABLE_RETRY_AFTER);
            assertThat(e.getMessage()).contains("1 of the 3 chunks of this file has no live copy")
                    .contains("chunk 2, bytes 100-199").contains("b (down), c (down)");
        });
        // The byte just before and just after the dead chunk, and the last byte of the file.
        assertThatThrownBy(() -> reader.requireLive(m, 99, 101)).hasMessageContaining("1 of the 2 chunks this range");
        assertThatThrownBy(() -> reader.requireLive(m, 199, 200)).isInstanceOf(CairnException.class);
        // Ranges that stay off it pass.
        assertThatCode(() -> reader.requireLive(m, 0, 100)).doesNotThrowAnyException();
        assertThatCode(() -> reader.requireLive(m, 200, 250)).doesNotThrowAnyException();
    }

    @Test
    void everyChunkWithNoLiveCopyIsCountedAndOneWithNoReplicaAtAllIsNamed() {
        Manifest m = manifest(CHUNK, List.of(List.of(), List.of(live(a)), List.of(down(c))));
        assertThatThrownBy(() -> reader.requireLive(m, 0, 300))
                .hasMessageContaining("2 of the 3 chunks of this file have no live copy")
                .hasMessageContaining("chunk 1, bytes 0-99, has no copy on a current store");
    }

    @Test
    void aNodeNotYetHeardFromCountsAsLiveAndOneWhoseBreakerIsOpenDoesNotUntilItsPauseEnds() {
        Replica unknown = new Replica(a, "http://a", false, 0, false);
        Manifest m = manifest(CHUNK, List.of(List.of(unknown), List.of(live(b))));
        assertThatCode(() -> reader.requireLive(m, 0, 200)).doesNotThrowAnyException();
        for (int i = 0; i < NodeHealth.TRIP_AFTER; i++) {
            health.finished(b, health.started(b), false);
        }
        assertThatThrownBy(() -> reader.requireLive(m, 0, 200)).hasMessageContaining("b (failing)");
        assertThatCode(() -> reader.requireLive(m, 0, 100)).doesNotThrowAnyException();
        now += Duration.ofMillis(1100).toNanos();
        assertThatCode(() -> reader.requireLive(m, 0, 200)).doesNotThrowAnyException();
    }
}
