package io.cairn.node;

import static io.cairn.node.FakeRegistry.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ClusterKey;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;
import io.cairn.client.ChunkClient;
import io.cairn.client.HttpTransport;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration and heartbeats of a real {@link StorageNode} against fake controllers. */
class HeartbeatTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static final ClusterKey KEY = ClusterKey.generate();
    private final HttpTransport transport = new HttpTransport(KEY, () -> {
        throw new IllegalStateException("these nodes speak plain HTTP");
    }, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    /** Starts a node on {@code dir} that heartbeats to one controller per registry. */
    private StorageNode start(String nodeId, FakeRegistry... registries) throws Exception {
        return StorageNode.start(new NodeSettings(dir, "127.0.0.1", 0, null, nodeId, "rack-7", KEY, null, false, INTERVAL,
                        0.05, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0), List.of(registries), new ChunkClient(transport),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Test
    void theFirstRegistrationStoresTheClusterIdAndHeartbeatsFollowAtTheInterval() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        try (StorageNode node = start(null, registry)) {
            await("five heartbeats", PATIENCE, () -> registry.heartbeats.size() >= 5);

            RegisterRequest first = registry.registrations.get(0);
            assertThat(first.nodeId()).isEqualTo(node.nodeId());
            assertThat(first.clusterId()).isNull();
            assertThat(first.url()).isEqualTo(node.url());
            assertThat(first.zone()).isEqualTo("rack-7");
            assertThat(first.capacityBytes()).isPositive();
            assertThat(first.storeId()).isEqualTo(node.store().storeId()).isNotBlank();
            assertThat(registry.registrations).hasSize(1);
            assertThat(NodeIdentity.load(dir)).contains(new NodeIdentity(node.nodeId(), "cluster-1"));
            assertThat(node.identity().clusterId()).isEqualTo("cluster-1");
            assertThat(node.info().cluster_id()).isEqualTo("cluster-1");
            assertThat(node.registered()).isTrue();
            assertThat(registry.heartbeats).allSatisfy(hb -> {
                assertThat(hb.nodeId()).isEqualTo(node.nodeId());
                assertThat(hb.clusterId()).isEqualTo("cluster-1");
                assertThat(hb.capacityBytes()).isPositive();
                assertThat(hb.storeId()).isEqualTo(first.storeId());
                assertThat(hb.reserveBytes()).isEqualTo((long) (hb.capacityBytes() * 0.05)).isPositive();
            });
        }
        // Heartbeats stop with the node.
        int sent = registry.heartbeats.size();
        Thread.sleep(3 * INTERVAL.toMillis());
        assertThat(registry.heartbeats).hasSize(sent);
    }

    @Test
    void aRestartedNodePresentsItsStoredIdentityAndRefusesAnotherId() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        NodeId id;
        try (StorageNode node = start("node-a", registry)) {
            await("a heartbeat", PATIENCE, () -> !registry.heartbeats.isEmpty());
            id = node.nodeId();
        }
        assertThat(id).isEqualTo(new NodeId("node-a"));

        FakeRegistry again = new FakeRegistry();
        try (StorageNode node = start(null, again)) {
            await("a registration", PATIENCE, () -> !again.registrations.isEmpty());
            assertThat(node.nodeId()).isEqualTo(id);
            assertThat(again.registrations.get(0).clusterId()).isEqualTo("cluster-1");
        }

        assertThatThrownBy(() -> start("node-b", new FakeRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to node 'node-a'");
    }

    @Test
    void aNodeRestartedOnAWipedChunkDirectoryPresentsANewStore() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        String before;
        try (StorageNode node = start("node-w", registry)) {
            await("a heartbeat", PATIENCE, () -> !registry.heartbeats.isEmpty());
            before = node.store().storeId();
        }
        try (Stream<Path> tree = Files.walk(dir.resolve("chunks"))) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        FakeRegistry again = new FakeRegistry();
        try (StorageNode node = start(null, again)) {
            await("a heartbeat", PATIENCE, () -> !again.heartbeats.isEmpty());
            assertThat(node.nodeId()).isEqualTo(new NodeId("node-w"));
            assertThat(again.registrations.get(0).storeId()).isNotEqualTo(before)
                    .isEqualTo(node.store().storeId());
            assertThat(again.heartbeats.get(0).storeId()).isEqualTo(node.store().storeId());
        }
    }

    @Test
    void aControllerOfAnotherClusterIsNeverJoined() throws Exception {
        new NodeIdentity(new NodeId("node-x"), "old-cluster").save(dir);
        FakeRegistry registry = new FakeRegistry();
        registry.onRegister = r -> {
            throw new CairnException(ErrorCode.WRONG_CLUSTER, "this node belongs to cluster " + r.clusterId()
                    + ", but this controller runs cluster new-cluster");
        };

        long started = System.nanoTime();
        try (StorageNode node = start(null, registry)) {
            await("a registration attempt", PATIENCE, () -> !registry.registrations.isEmpty());
            Thread.sleep(5 * INTERVAL.toMillis());

            assertThat(registry.registrations).hasSize(1); // retried slowly, not at the heartbeat interval
            assertThat(registry.registrations.get(0).clusterId()).isEqualTo("old-cluster");
            assertThat(registry.heartbeats).isEmpty();
            assertThat(node.registered()).isFalse();
            assertThat(node.identity().clusterId()).isEqualTo("old-cluster");
        }
        assertThat(NodeIdentity.load(dir)).contains(new NodeIdentity(new NodeId("node-x"), "old-cluster"));
        // Closing interrupts the long wait between attempts.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aControllerThatAnswersAnotherClusterIdIsNotJoinedEither() throws Exception {
        new NodeIdentity(new NodeId("node-y"), "old-cluster").save(dir);
        FakeRegistry registry = new FakeRegistry(); // answers cluster-1 without checking

        try (StorageNode node = start(null, registry)) {
            await("a registration attempt", PATIENCE, () -> !registry.registrations.isEmpty());
            Thread.sleep(3 * INTERVAL.toMillis());

            assertThat(registry.heartbeats).isEmpty();
            assertThat(node.registered()).isFalse();
        }
        assertThat(NodeIdentity.load(dir).orElseThrow().clusterId()).isEqualTo("old-cluster");
    }

    @Test
    void registrationIsRetriedUntilTheControllerAnswers() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        AtomicInteger failures = new AtomicInteger(3);
        registry.onRegister = r -> {
            if (failures.getAndDecrement() > 0) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "controller starting");
            }
            return new RegisterResponse("cluster-1");
        };

        try (StorageNode node = start(null, registry)) {
            await("a heartbeat", PATIENCE, () -> !registry.heartbeats.isEmpty());

            assertThat(registry.registrations).hasSize(4);
            assertThat(node.registered()).isTrue();
        }
    }

    @Test
    void aNodeTheControllerForgotRegistersAgain() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        AtomicBoolean forget = new AtomicBoolean();
        AtomicBoolean notFound = new AtomicBoolean();
        registry.onHeartbeat = hb -> {
            if (notFound.getAndSet(false)) {
                throw new CairnException(ErrorCode.NOT_FOUND, "no such node");
            }
            return new HeartbeatResponse(!forget.getAndSet(false));
        };

        try (StorageNode node = start(null, registry)) {
            await("a heartbeat", PATIENCE, () -> !registry.heartbeats.isEmpty());
            forget.set(true);
            await("a second registration", PATIENCE, () -> registry.registrations.size() == 2);
            notFound.set(true);
            await("a third registration", PATIENCE, () -> registry.registrations.size() == 3);
            int before = registry.heartbeats.size();
            await("heartbeats again", PATIENCE, () -> registry.heartbeats.size() >= before + 2);

            assertThat(registry.registrations.get(1).clusterId()).isEqualTo("cluster-1");
            assertThat(node.registered()).isTrue();
        }
    }

    @Test
    void heartbeatsOutlastAControllerOutage() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        AtomicBoolean down = new AtomicBoolean();
        registry.onHeartbeat = hb -> {
            if (down.get()) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "connection refused");
            }
            return new HeartbeatResponse(true);
        };

        try (StorageNode node = start(null, registry)) {
            await("a heartbeat", PATIENCE, () -> !registry.heartbeats.isEmpty());
            down.set(true);
            int before = registry.heartbeats.size();
            await("attempts during the outage", PATIENCE, () -> registry.heartbeats.size() >= before + 3);
            down.set(false);
            int after = registry.heartbeats.size();
            await("heartbeats after the outage", PATIENCE, () -> registry.heartbeats.size() >= after + 2);

            assertThat(registry.registrations).hasSize(1); // an unreachable controller is not a forgetful one
            assertThat(node.registered()).isTrue();
        }
    }

    @Test
    void aControllerThatDoesNotAnswerDelaysNoOtherAndIsJoinedWhenBack() throws Exception {
        CountDownLatch back = new CountDownLatch(1);
        FakeRegistry hung = new FakeRegistry();
        hung.onRegister = r -> {
            try {
                back.await(); // like a partitioned controller: no answer, not even an error
            } catch (InterruptedException e) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted");
            }
            return new RegisterResponse("cluster-1");
        };
        FakeRegistry live = new FakeRegistry();

        try (StorageNode node = start(null, hung, live)) {
            await("heartbeats to the live controller", PATIENCE, () -> live.heartbeats.size() >= 3);
            assertThat(node.registered()).isTrue();
            assertThat(node.identity().clusterId()).isEqualTo("cluster-1");
            assertThat(hung.registrations).hasSize(1);
            assertThat(hung.heartbeats).isEmpty();

            back.countDown();
            await("heartbeats to the controller that came back", PATIENCE, () -> hung.heartbeats.size() >= 2);

            assertThat(hung.heartbeats).allSatisfy(hb -> assertThat(hb.clusterId()).isEqualTo("cluster-1"));
            assertThat(live.registrations).hasSize(1);
            int before = live.heartbeats.size();
            await("heartbeats to both", PATIENCE, () -> live.heartbeats.size() >= before + 2);
        }
        assertThat(NodeIdentity.load(dir).orElseThrow().clusterId()).isEqualTo("cluster-1");
    }

    @Test
    void ofTwoControllersAnsweringDifferentClustersOnlyTheFirstIsJoined() throws Exception {
        FakeRegistry first = new FakeRegistry(); // cluster-1
        FakeRegistry other = new FakeRegistry();
        AtomicInteger otherAnswers = new AtomicInteger();
        other.onRegister = r -> {
            if (first.heartbeats.isEmpty()) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "starting"); // answers only after the first one
            }
            otherAnswers.incrementAndGet();
            return new RegisterResponse("cluster-2");
        };

        try (StorageNode node = start(null, first, other)) {
            await("the other controller's answer", PATIENCE, () -> otherAnswers.get() > 0);
            Thread.sleep(3 * INTERVAL.toMillis());

            assertThat(other.heartbeats).isEmpty();
            assertThat(otherAnswers).hasValue(1); // refused as WRONG_CLUSTER: asked again only slowly
            assertThat(first.heartbeats.size()).isGreaterThan(1);
            assertThat(node.registered()).isTrue();
            assertThat(node.identity().clusterId()).isEqualTo("cluster-1");
        }
        assertThat(NodeIdentity.load(dir).orElseThrow().clusterId()).isEqualTo("cluster-1");
    }
}
