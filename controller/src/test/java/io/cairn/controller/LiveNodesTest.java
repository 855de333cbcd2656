package io.cairn.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.Heartbeat;
import io.cairn.core.NodeId;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveNodesTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<NodeId> seen = new ArrayList<>();
    private final List<NodeRecord> registry = new ArrayList<>();
    private final LiveNodes nodes = new LiveNodes(clock, Duration.ofSeconds(10), () -> List.copyOf(registry),
            seen::add);
    private final NodeId a = new NodeId("a");

    private static Heartbeat beat(NodeId node, String storeId) {
        return new Heartbeat(node, "c", 100, 10, 90, 3, 0, null, 0, storeId);
    }

    @Test
    void aNodeKnownFromMetadataIsUnhealthyUntilItHeartbeats() {
        registry.add(NodeRecord.fresh(a, "http://a", 1, null, "s-a"));
        assertThat(nodes.all()).singleElement().satisfies(n -> assertThat(n.healthy()).isFalse());
        assertThat(nodes.heartbeat(beat(a, "s-a"))).isTrue();
        assertThat(nodes.healthy()).extracting(NodeStatus::freeBytes).containsExactly(90L);
        assertThat(seen).containsExactly(a);
    }

    @Test
    void missedHeartbeatsMakeANodeUnhealthyAndAHeartbeatRevivesIt() {
        registry.add(NodeRecord.fresh(a, "http://a", 1, null, "s-a"));
        nodes.registered(a, 100, "s-a");
        assertThat(nodes.node(a).orElseThrow().healthy()).isTrue();
        clock.millis += 9_999;
        assertThat(nodes.node(a).orElseThrow().healthy()).isTrue();
        clock.millis += 1;
        assertThat(nodes.node(a).orElseThrow().healthy()).isFalse();
        nodes.heartbeat(beat(a, "s-a"));
        assertThat(nodes.node(a).orElseThrow().healthy()).isTrue();
    }

    @Test
    void anUnknownNodeIsToldToRegister() {
        assertThat(nodes.heartbeat(beat(a, "s-a"))).isFalse();
        assertThat(nodes.all()).isEmpty();
    }

    /** A node that comes back on another disk must register (a new incarnation) before it counts as healthy. */
    @Test
    void aHeartbeatFromAnotherStoreIsToldToRegister() {
        registry.add(NodeRecord.fresh(a, "http://a", 1, null, "s-a"));
        nodes.registered(a, 100, "s-a");
        assertThat(nodes.heartbeat(beat(a, "s-new"))).isFalse();
        assertThat(nodes.heartbeat(beat(a, "s-a"))).isTrue();
    }

    @Test
    void drainingAndRemovedNodesAreSeenAtOnceFromTheRegistry() {
        registry.add(NodeRecord.fresh(a, "http://a", 1, null, "s-a"));
        nodes.registered(a, 100, "s-a");
        assertThat(nodes.writable()).hasSize(1);
        registry.set(0, registry.get(0).withState(NodeState.DRAINING));
        assertThat(nodes.writable()).isEmpty();
        assertThat(nodes.healthy()).hasSize(1);
        registry.set(0, registry.get(0).withState(NodeState.REMOVED));
        assertThat(nodes.all()).isEmpty();
        assertThat(nodes.heartbeat(beat(a, "s-a"))).isFalse();
    }

    /**
     * Down (for readers) is silent for the node timeout while this controller watched: a node not heard from since
     * the controller started is unhealthy at once (placement must not guess) but down only a node timeout later.
     */
    @Test
    void aNodeIsDownOnlyAfterTheNodeTimeoutOfSilenceThisControllerWatched() {
        NodeId b = new NodeId("b");
        registry.add(NodeRecord.fresh(a, "http://a", 1, null, "s-a"));
        registry.add(NodeRecord.fresh(b, "http://b", 1, null, "s-b"));
        nodes.registered(a, 100, "s-a");
        NodeStatus silentSinceStart = nodes.node(b).orElseThrow();
        assertThat(silentSinceStart.healthy()).isFalse();
        assertThat(nodes.down(silentSinceStart)).isFalse();
        assertThat(nodes.down(nodes.node(a).orElseThrow())).isFalse();
        clock.millis += 9_999;
        assertThat(nodes.down(nodes.node(b).orElseThrow())).isFalse();
        clock.millis += 1;
        assertThat(nodes.down(nodes.node(a).orElseThrow())).isTrue();
        assertThat(nodes.down(nodes.node(b).orElseThrow())).isTrue();
        nodes.heartbeat(beat(b, "s-b"));
        assertThat(nodes.down(nodes.node(b).orElseThrow())).isFalse();
        clock.millis += 9_999;
        assertThat(nodes.down(nodes.node(b).orElseThrow())).isFalse();
        clock.millis += 1;
        assertThat(nodes.down(nodes.node(b).orElseThrow())).isTrue();
    }
}
