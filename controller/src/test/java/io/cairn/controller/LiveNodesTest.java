package io.cairn.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.Heartbeat;
import io.cairn.core.NodeId;
import io.cairn.core.model.NodeRecord;
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
    private final LiveNodes nodes = new LiveNodes(clock, Duration.ofSeconds(10), seen::add);
    private final NodeId a = new NodeId("a");

    @Test
    void aNodeKnownFromMetadataIsUnhealthyUntilItHeartbeats() {
        nodes.known(new NodeRecord(a, "http://a", 1, null));
        assertThat(nodes.healthy()).isEmpty();
        assertThat(nodes.heartbeat(new Heartbeat(a, "c", 100, 10, 90, 3, 0, null, 5, "store-a"))).isTrue();
        assertThat(nodes.healthy()).extracting(NodeStatus::freeBytes).containsExactly(90L);
        assertThat(seen).containsExactly(a);
    }

    @Test
    void missedHeartbeatsMakeANodeUnhealthyAndAHeartbeatRevivesIt() {
        nodes.registered(new NodeRecord(a, "http://a", 1, null), 100);
        assertThat(nodes.node(a).orElseThrow().healthy()).isTrue();
        clock.millis += 9_999;
        assertThat(nodes.node(a).orElseThrow().healthy()).isTrue();
        clock.millis += 1;
        assertThat(nodes.node(a).orElseThrow().healthy()).isFalse();
        nodes.heartbeat(new Heartbeat(a, "c", 100, 10, 90, 3, 0, null, 5, "store-a"));
        assertThat(nodes.node(a).orElseThrow().healthy()).isTrue();
    }

    @Test
    void anUnknownNodeIsToldToRegister() {
        assertThat(nodes.heartbeat(new Heartbeat(a, "c", 1, 1, 1, 1, 0, null, 0, "store-a"))).isFalse();
        assertThat(nodes.all()).isEmpty();
    }
}
