package io.cairn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.AllocateRequest;
import io.cairn.api.ChunkPlan;
import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.Heartbeat;
import io.cairn.api.LostChunks;
import io.cairn.api.NewAccessKey;
import io.cairn.api.NodeAddress;
import io.cairn.api.RegisterRequest;
import io.cairn.auth.ClusterSecret;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ObjectVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerServiceTest {
    @TempDir
    Path dir;
    Controller controller;
    ControllerService service;
    final LiveNodesTest.ManualClock clock = new LiveNodesTest.ManualClock();

    @BeforeEach
    void open() throws Exception {
        controller = Controller.open(ControllerSettings.single(dir, 2, Duration.ofSeconds(5)),
                new SimpleMeterRegistry(), clock, NoNodes.INSTANCE,
                ClusterSecret.generate());
        service = controller.service();
        for (String id : List.of("a", "b", "c")) {
            service.register(new RegisterRequest(new NodeId(id), "http://" + id, null, 1L << 40, null, "store-" + id));
        }
    }

    @AfterEach
    void close() {
        controller.close();
    }

    private static ChunkRef chunk(String content) {
        byte[] bytes = content.getBytes();
        return new ChunkRef(Sha256.of(bytes), bytes.length);
    }

    private ObjectVersion commit(String key, ChunkRef ref, List<NodeId> written) {
        return service.commit(new CommitRequest("default", key, ref.size(), 1 << 20, 0, "text/plain", Map.of(),
                List.of(new CommittedChunk(ref.id(), ref.size(), written, null)), false, null, null));
    }

    @Test
    void placesNewChunksOnDistinctHealthyNodesAndDeduplicatesStoredOnes() {
        ChunkRef ref = chunk("hello");
        ChunkPlan plan = service.allocate(new AllocateRequest(List.of(ref), 0, List.of())).plans().getFirst();
        assertThat(plan.targets()).hasSize(2).doesNotHaveDuplicates();
        commit("k", ref, plan.targets().stream().map(NodeAddress::id).toList());
        assertThat(service.allocate(new AllocateRequest(List.of(ref), 0, List.of())).plans().getFirst().deduplicated())
                .isTrue();
        // Asking for three copies tops up the missing one on the node that does not hold it yet.
        ChunkPlan more = service.allocate(new AllocateRequest(List.of(ref), 3, List.of())).plans().getFirst();
        assertThat(more.targets()).hasSize(1);
        assertThat(plan.targets()).doesNotContain(more.targets().getFirst());
    }

    @Test
    void theConsistencyAskedOrTheBucketsSettingDecidesHowManyCopiesAWriteWaitsFor() {
        ChunkRef ref = chunk("consistent");
        List<io.cairn.api.ChunkPlan> plans = new java.util.ArrayList<>();
        for (Consistency c : Consistency.values()) {
            plans.add(service.allocate(new AllocateRequest(List.of(ref), 3, List.of(), "default", c)).plans()
                    .getFirst());
        }
        assertThat(plans).extracting(io.cairn.api.ChunkPlan::copiesNeeded).containsExactly(3, 3, 3);
        assertThat(plans).extracting(io.cairn.api.ChunkPlan::copiesRequired).containsExactly(3, 2, 1);
        // The bucket's setting, unless the write says otherwise.
        service.setConsistency("default", Consistency.ONE);
        assertThat(service.allocate(new AllocateRequest(List.of(ref), 3, List.of(), "default", null)).plans()
                .getFirst().copiesRequired()).isEqualTo(1);
        assertThat(service.buckets()).singleElement().satisfies(b -> assertThat(b.consistency())
                .isEqualTo(Consistency.ONE));
        // A chunk that already has a live copy needs one copy fewer before a quorum write is acknowledged.
        commit("k", ref, List.of(new NodeId("a")));
        assertThat(service.allocate(new AllocateRequest(List.of(ref), 3, List.of(), "default", Consistency.QUORUM))
                .plans().getFirst()).satisfies(p -> {
                    assertThat(p.copiesNeeded()).isEqualTo(2);
                    assertThat(p.copiesRequired()).isEqualTo(1);
                });
    }

    @Test
    void refusesPlacementWithFewerHealthyNodesThanTheReplicationFactor() {
        clock.millis += 6_000;
        service.heartbeat(new Heartbeat(new NodeId("a"), service.clusterId(), 1L << 40, 0, 1L << 40, 0, 0, null, 0,
                "store-a"));
        assertThatThrownBy(() -> service.allocate(new AllocateRequest(List.of(chunk("x")), 0, List.of())))
                .isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_NODES);
        assertThat(service.allocate(new AllocateRequest(List.of(chunk("x")), 1, List.of())).plans().getFirst()
                .targets()).extracting(NodeAddress::id).containsExactly(new NodeId("a"));
    }

    @Test
    void refusesACommitNamingAnUnhealthyNode() {
        clock.millis += 6_000;
        ChunkRef ref = chunk("y");
        assertThatThrownBy(() -> commit("k", ref, List.of(new NodeId("a"), new NodeId("b"))))
                .isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(service.status().total_files()).isZero();
    }

    @Test
    void nodesSharingAFileSystemCountItsSpaceOnce() {
        for (String id : List.of("a", "b", "c")) {
            String volume = id.equals("c") ? "host2:/dev/sdb" : "host1:/dev/sda";
            service.heartbeat(new Heartbeat(new NodeId(id), service.clusterId(), 100, 40, 60, 1, 0, volume, 5,
                    "store-" + id));
        }
        assertThat(service.status().capacity_bytes()).isEqualTo(200);
        assertThat(service.status().free_bytes()).isEqualTo(120);
    }

    @Test
    void aNodeOfAnotherClusterIsRefused() {
        assertThatThrownBy(() -> service.register(new RegisterRequest(new NodeId("z"), "http://z", "other-cluster",
                1, null, "store-z"))).extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.WRONG_CLUSTER);
    }

    @Test
    void lostChunksAreReportedLikeBadReplicas() {
        ChunkRef kept = chunk("lost-1");
        ChunkRef other = chunk("lost-2");
        commit("k", kept, List.of(new NodeId("a"), new NodeId("b")));
        commit("k2", other, List.of(new NodeId("a"), new NodeId("b")));

        service.reportLostChunks(new LostChunks(new NodeId("a"), "store-a", List.of(kept.id(), other.id()),
                "corrupt: found by the scrubber"));

        assertThat(replicas(kept.id())).containsExactly(new NodeId("b"));
        assertThat(service.manifest("default", "k2", null).chunks().getFirst().replicas())
                .extracting(io.cairn.api.Replica::node).containsExactly(new NodeId("b"));
    }

    private List<NodeId> replicas(ChunkId id) {
        return service.manifest("default", "k", null).chunks().getFirst().replicas().stream()
                .map(io.cairn.api.Replica::node).toList();
    }

    @Test
    void metadataSurvivesAReopenAndNodesAreUnhealthyUntilTheyHeartbeat() throws Exception {
        ChunkRef ref = chunk("persist");
        commit("kept", ref, List.of(new NodeId("a"), new NodeId("b")));
        String clusterId = service.clusterId();
        controller.close();
        controller = Controller.open(ControllerSettings.single(dir, 2, Duration.ofSeconds(5)),
                new SimpleMeterRegistry(), clock, NoNodes.INSTANCE,
                ClusterSecret.generate());
        service = controller.service();
        assertThat(service.clusterId()).isEqualTo(clusterId);
        assertThat(service.manifest("default", "kept", null).version().size()).isEqualTo(ref.size());
        assertThat(service.nodes()).hasSize(3).allSatisfy(n -> assertThat(n.healthy()).isFalse());
    }

    @Test
    void anAccessKeyRequestRetriedAfterItsReplyWasLostAnswersTheKeyItMadeOnce() {
        Identities identities = controller.identities();
        identities.createUser("alice", List.of());
        NewAccessKey first = identities.createAccessKey("alice", "ci", "AKIDRETRIED0001", "secret-of-the-request");
        NewAccessKey again = identities.createAccessKey("alice", "ci", "AKIDRETRIED0001", "secret-of-the-request");
        assertThat(again).isEqualTo(first);
        assertThat(identities.accessKeys("alice")).hasSize(1);

        assertThatThrownBy(() -> identities.createAccessKey("alice", "ci", "AKIDRETRIED0001", "another-secret"))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        identities.createUser("bob", List.of());
        assertThatThrownBy(() -> identities.createAccessKey("bob", "ci", "AKIDRETRIED0001", "secret-of-the-request"))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }
}
