package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.Replica;
import io.cairn.core.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
    long now = 1_000_000_000L;
    final NodeHealth health = new NodeHealth(() -> now);
    final NodeId a = new NodeId("a");
    final NodeId b = new NodeId("b");
    final List<Replica> replicas = List.of(new Replica(a, "http://a", true, 0, false),
            new Replica(b, "http://b", true, 0, false));

    void request(NodeId node, long tookMillis, boolean ok) {
        long started = health.started(node);
        now += tookMillis * 1_000_000;
        health.finished(node, started, ok);
    }

    @Test
    void readsGoToTheFasterLessBusyCopy() {
        request(a, 50, true);
        request(b, 5, true);
        assertThat(health.order(replicas)).extracting(Replica::node).containsExactly(b, a);
        // b gets busy: eleven requests in flight outweigh its being ten times faster.
        for (int i = 0; i < 11; i++) {
            health.started(b);
        }
        assertThat(health.order(replicas)).extracting(Replica::node).containsExactly(a, b);
    }

    @Test
    void aNodeThatKeepsFailingIsSkippedThenProbedAndBackAfterASuccess() {
        request(a, 1, true);
        request(b, 1, true);
        for (int i = 0; i < NodeHealth.TRIP_AFTER; i++) {
            request(a, 1, false);
        }
        assertThat(health.tripped()).containsExactly(a);
        assertThat(health.order(replicas)).extracting(Replica::node).containsExactly(b, a);
        // After the pause one request probes it; a failed probe trips it again for twice as long.
        now += 1_100_000_000L;
        assertThat(health.tripped()).isEmpty();
        request(a, 1, false);
        assertThat(health.tripped()).containsExactly(a);
        now += 1_100_000_000L;
        assertThat(health.tripped()).containsExactly(a);
        now += 1_000_000_000L;
        request(a, 1, true);
        assertThat(health.tripped()).isEmpty();
        assertThat(health.order(replicas).getFirst().node()).isEqualTo(a);
    }

    @Test
    void anUnhealthyReplicaByTheControllersViewComesAfterHealthyOnes() {
        List<Replica> mixed = List.of(new Replica(a, "http://a", false, 0, false),
                new Replica(b, "http://b", true, 9, false));
        assertThat(health.order(mixed)).extracting(Replica::node).containsExactly(b, a);
    }

    @Test
    void aReplicaIsAvailableUnlessTheControllerSaysItsNodeIsDownOrItsBreakerIsOpen() {
        Replica unknown = new Replica(a, "http://a", false, 0, false);
        assertThat(health.available(unknown)).as("not heard from yet by a fresh controller").isTrue();
        assertThat(health.available(new Replica(a, "http://a", false, 0, true))).isFalse();
        assertThat(health.available(replicas.getFirst())).isTrue();
        for (int i = 0; i < NodeHealth.TRIP_AFTER; i++) {
            request(a, 1, false);
        }
        assertThat(health.available(replicas.getFirst())).isFalse();
        assertThat(health.available(replicas.get(1))).isTrue();
        // Once the pause is over the node may be probed, so a download may go there again.
        now += 1_100_000_000L;
        assertThat(health.available(replicas.getFirst())).isTrue();
    }
}
