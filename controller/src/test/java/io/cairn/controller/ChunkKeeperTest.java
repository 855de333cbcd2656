package io.cairn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.Heartbeat;
import io.cairn.api.RecoveryStatus;
import io.cairn.api.RegisterRequest;
import io.cairn.auth.ClusterSecret;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.core.model.ChunkRecord;
import io.cairn.meta.MetaReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk keeper against storage nodes in memory and a clock the test moves: every pass is run by the test, so each
 * step of a repair, a drain, a trim or a collection happens at a known moment.
 */
class ChunkKeeperTest {
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REPAIR_DELAY = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    final LiveNodesTest.ManualClock clock = new LiveNodesTest.ManualClock();
    final FakeNodes nodes = new FakeNodes(clock);
    final Map<String, String> stores = new java.util.HashMap<>();
    final Set<String> down = new HashSet<>();
    Controller controller;
    ControllerService service;
    MetaReader reader;

    @BeforeEach
    void open() throws Exception {
        controller = Controller.open(ControllerSettings.single(dir, 2, NODE_TIMEOUT).withKeeper(new KeeperSettings(
                REPAIR_DELAY, GRACE, 0, 4, Duration.ofHours(1), 0.1, false, Duration.ZERO)), new SimpleMeterRegistry(), clock,
                nodes,
                ClusterSecret.generate());
        service = controller.service();
        reader = controller.metadata().reader();
        for (String id : List.of("n1", "n2", "n3", "n4")) {
            register(id, "store-" + id);
        }
    }

    @AfterEach
    void close() {
        controller.close();
    }

    void register(String id, String store) {
        stores.put(id, store);
        service.register(new RegisterRequest(new NodeId(id), url(id), null, 1L << 40, null, store));
    }

    static String url(String id) {
        return "http://" + id;
    }

    /** Moves the clock, with every node not down heartbeating along the way. */
    void advance(Duration by) {
        long step = 5_000;
        for (long done = 0; done < by.toMillis(); done += step) {
            clock.millis += Math.min(step, by.toMillis() - done);
            beat();
        }
    }

    void beat() {
        for (String id : stores.keySet()) {
            if (!down.contains(id)) {
                service.heartbeat(new Heartbeat(new NodeId(id), service.clusterId(), 1L << 40, nodes.files(url(id)),
                        1L << 40, nodes.files(url(id)), 0, id + ":/dev/disk", 0, stores.get(id)));
            }
        }
    }

    void pass() throws InterruptedException {
        controller.keeper().runPass();
    }

    static ChunkId chunk(String content) {
        return Sha256.of(content.getBytes(StandardCharsets.UTF_8));
    }

    /** An upload of a one-chunk file whose copies went to {@code on}. */
    ChunkId upload(String key, String content, String... on) {
        ChunkId id = chunk(content);
        List<NodeId> written = new ArrayList<>();
        List<Long> generations = new ArrayList<>();
        for (String node : on) {
            written.add(new NodeId(node));
            generations.add(nodes.write(url(node), id, content.length()));
        }
        service.commit(new CommitRequest("default", key, content.length(), 1 << 20, 0, null, Map.of(),
                List.of(new CommittedChunk(id, content.length(), written, generations)), false, null, null));
        return id;
    }

    ChunkRecord record(ChunkId id) {
        return reader.chunk(id).orElseThrow();
    }

    Set<String> holders(ChunkId id) {
        Set<String> found = new HashSet<>();
        for (String node : stores.keySet()) {
            if (nodes.has(url(node), id)) {
                found.add(node);
            }
        }
        return found;
    }

    Set<String> recorded(ChunkId id) {
        Set<String> found = new HashSet<>();
        record(id).copies().forEach(c -> found.add(c.node().value()));
        return found;
    }

    @Test
    void aDeadNodesCopiesAreRepairedOnlyAfterTheRepairDelayAndTrimmedWhenItComesBack() throws Exception {
        beat();
        List<ChunkId> chunks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chunks.add(upload("f" + i, "content " + i, "n1", "n2"));
        }
        down.add("n1");
        advance(Duration.ofSeconds(20));
        pass();
        // Unhealthy for 10 s only: still counted, nothing copied yet.
        assertThat(service.recoveryStatus().under_replicated_chunks()).isZero();
        assertThat(chunks).allSatisfy(c -> assertThat(holders(c)).containsExactlyInAnyOrder("n1", "n2"));

        advance(REPAIR_DELAY);
        pass();
        for (ChunkId c : chunks) {
            assertThat(holders(c)).hasSize(3).contains("n1", "n2");
            assertThat(recorded(c)).isEqualTo(holders(c));
        }
        RecoveryStatus status = service.recoveryStatus();
        assertThat(status.repairs_done()).isEqualTo(5);
        assertThat(status.repaired_bytes()).isEqualTo(5 * "content 0".length());
        pass();
        assertThat(service.recoveryStatus().under_replicated_chunks()).isZero();

        // n1 comes back with its copies: one copy too many of each chunk, trimmed and deleted, never below two.
        down.remove("n1");
        beat();
        pass();
        pass();
        for (ChunkId c : chunks) {
            assertThat(holders(c)).hasSize(2);
            assertThat(recorded(c)).isEqualTo(holders(c));
            assertThat(record(c).doomed()).isEmpty();
        }
        assertThat(service.recoveryStatus().trimmed_copies()).isEqualTo(5);
    }

    @Test
    void aDrainedNodeIsEmptiedThenRemovableAndRefusedBefore() throws Exception {
        beat();
        List<ChunkId> chunks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chunks.add(upload("f" + i, "data " + i, "n1", i % 2 == 0 ? "n2" : "n3"));
        }
        assertThatThrownBy(() -> service.removeNode("n1")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).contains("drain it first");
        });
        down.add("n2");
        advance(Duration.ofSeconds(15));
        assertThatThrownBy(() -> service.removeNode("n1")).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.getMessage()).contains("the only copy of 3 chunks"));
        down.remove("n2");
        beat();

        assertThat(service.drainNode("n1").state()).isEqualTo("draining");
        // No new chunk goes to a draining node.
        assertThat(service.allocate(new io.cairn.api.AllocateRequest(List.of(new io.cairn.core.model.ChunkRef(
                chunk("new"), 3)), 3, List.of())).plans().getFirst().targets())
                .extracting(t -> t.id().value()).doesNotContain("n1");
        pass();
        assertThat(service.recoveryStatus().draining()).singleElement()
                .satisfies(d -> assertThat(d.chunks_left()).isEqualTo(6));
        pass();
        for (ChunkId c : chunks) {
            assertThat(holders(c)).hasSize(2).doesNotContain("n1");
            assertThat(recorded(c)).isEqualTo(holders(c));
        }
        assertThat(reader.copiesOn(new NodeId("n1"), null, 10)).isEmpty();
        service.removeNode("n1");
        assertThat(service.nodes()).extracting(v -> v.node_id()).doesNotContain("n1");
    }

    @Test
    void deletedDataIsCollectedAfterTheGracePeriodAndSharedChunksStay() throws Exception {
        beat();
        ChunkId shared = upload("a", "shared", "n1", "n2");
        service.commit(new CommitRequest("default", "b", 6, 1 << 20, 0, null, Map.of(),
                List.of(new CommittedChunk(shared, 6, List.of(), List.of())), false, null, null));
        ChunkId alone = upload("c", "alone", "n3", "n4");
        service.delete("default", "a", null);
        service.delete("default", "c", null);
        assertThat(reader.stats().unreferencedBytes()).isEqualTo(5);

        pass(); // condemned
        assertThat(record(alone).condemnedAt()).isEqualTo(clock.millis());
        advance(GRACE.minusSeconds(1));
        pass();
        assertThat(holders(alone)).hasSize(2);
        advance(Duration.ofSeconds(1));
        pass(); // collected, then deleted by the next pass's deleter
        pass();
        assertThat(holders(alone)).isEmpty();
        assertThat(reader.chunk(alone)).isEmpty();
        assertThat(holders(shared)).containsExactlyInAnyOrder("n1", "n2");
        RecoveryStatus status = service.recoveryStatus();
        assertThat(status.reclaimed_bytes()).isEqualTo(10);
        assertThat(status.unreferenced_bytes()).isZero();
        assertThat(status.pending_delete_bytes()).isZero();
    }

    /**
     * Garbage collection against an upload of the same bytes, step by step: the upload writes the chunk again after
     * the collection was logged but before the deletes went out; the delete, decided for the old file, spares it.
     */
    @Test
    void aDeleteDecidedBeforeAnUploadWroteTheChunkAgainSparesTheNewFile() throws Exception {
        beat();
        ChunkId x = upload("a", "precious", "n1", "n2");
        service.delete("default", "a", null);
        pass();
        advance(GRACE);
        // Collect without deleting: the deleter comes first in a pass, so this pass only logs the collection.
        pass();
        assertThat(record(x).copies()).isEmpty();
        assertThat(record(x).doomed()).hasSize(2);
        assertThat(service.allocate(new io.cairn.api.AllocateRequest(List.of(new io.cairn.core.model.ChunkRef(x, 8)),
                0, List.of())).plans().getFirst().deduplicated()).isFalse();

        upload("b", "precious", "n1", "n3");
        pass();

        assertThat(holders(x)).containsExactlyInAnyOrder("n1", "n3");
        assertThat(recorded(x)).containsExactlyInAnyOrder("n1", "n3");
        assertThat(record(x).doomed()).isEmpty();
        assertThat(nodes.deletes.get()).isEqualTo(1); // n2's old file; n1's was newer than the decision
    }

    @Test
    void reconciliationDropsMissingCopiesAndDoomsOldOrphansThenRepairs() throws Exception {
        beat();
        ChunkId kept = upload("a", "kept", "n1", "n2");
        nodes.lose(url("n1"), kept);
        ChunkId orphan = chunk("leftover of a failed upload");
        nodes.write(url("n1"), orphan, 27);
        for (int i = 0; i < 4; i++) {
            pass(); // one node reconciled per pass
        }
        // The missing copy is dropped and replaced; the young orphan is left alone.
        assertThat(holders(kept)).hasSize(2);
        assertThat(recorded(kept)).isEqualTo(holders(kept));
        assertThat(nodes.has(url("n1"), orphan)).isTrue();
        assertThat(service.recoveryStatus().missing_copies_found()).isEqualTo(1);

        advance(GRACE);
        for (int i = 0; i < 5; i++) {
            pass();
        }
        assertThat(nodes.has(url("n1"), orphan)).isFalse();
        assertThat(reader.chunk(orphan)).isEmpty();
        assertThat(service.recoveryStatus().orphans_doomed()).isEqualTo(1);
    }

    @Test
    void aNodeBackOnAnEmptyDiskUnderItsOldIdCountsForNothingUntilRepaired() throws Exception {
        beat();
        ChunkId x = upload("a", "on two nodes", "n1", "n2");
        nodes.wipe(url("n1"));
        register("n1", "store-n1-new");
        beat();
        // At once: its old copy is no copy, so an upload of the same bytes is not deduplicated against it.
        assertThat(service.allocate(new io.cairn.api.AllocateRequest(List.of(new io.cairn.core.model.ChunkRef(x, 12)),
                0, List.of())).plans().getFirst().copiesNeeded()).isEqualTo(1);
        assertThat(service.manifest("default", "a", null).chunks().getFirst().replicas())
                .extracting(r -> r.node().value()).containsExactly("n2");

        pass();
        assertThat(holders(x)).hasSize(2).contains("n2");
        assertThat(record(x).copies()).hasSize(2).allSatisfy(c -> assertThat(c.incarnation())
                .isEqualTo(c.node().value().equals("n1") ? 1 : 0));
    }

    @Test
    void aCorruptCopyIsDroppedOnlyOnceItsNodeConfirmsItAndIsReplaced() throws Exception {
        beat();
        ChunkId x = upload("a", "fragile", "n1", "n2");
        service.reportBadReplica(new io.cairn.api.BadReplicaReport(x, new NodeId("n1"), "hash mismatch"));
        assertThat(recorded(x)).containsExactlyInAnyOrder("n1", "n2"); // n1's file is intact
        nodes.corrupt(url("n1"), x);
        service.reportBadReplica(new io.cairn.api.BadReplicaReport(x, new NodeId("n1"), "hash mismatch"));
        assertThat(recorded(x)).containsExactly("n2");
        pass();
        assertThat(holders(x)).hasSize(2);
        assertThat(recorded(x)).isEqualTo(holders(x));
        assertThat(service.recoveryStatus().corrupt_copies_found()).isEqualTo(1);
    }
}
