package io.cairn.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.NodeId;
import io.cairn.core.model.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {
    private static final long GIB = 1L << 30;

    private static NodeStatus node(String id, boolean healthy, long free) {
        return new NodeStatus(new NodeId(id), "http://" + id, null, healthy, 10 * GIB, 10 * GIB - free, free, 0, 0, 0,
                1, null, NodeState.ACTIVE, 0, 0);
    }

    private static NodeStatus node(String id, String zone, String volume, long free) {
        return new NodeStatus(new NodeId(id), "http://" + id, zone, true, 10 * GIB, 10 * GIB - free, free, 0, 0, 0, 1,
                volume, NodeState.ACTIVE, 0, 0);
    }

    /** Two nodes on one disk (./cairn server on one machine, or a misconfigured host) must not hold both copies. */
    @RepeatedTest(20)
    void twoCopiesNeverShareAVolumeWhileAnotherHasRoom(org.junit.jupiter.api.RepetitionInfo info) {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(info.getCurrentRepetition()));
        List<NodeStatus> nodes = List.of(node("a1", null, "h1:/dev/sda", 9 * GIB), node("a2", null, "h1:/dev/sda", 9 * GIB),
                node("b", null, "h2:/dev/sda", GIB));
        List<NodeStatus> chosen = policy.choose(nodes, 2, Set.of(), 1 << 20);
        assertThat(chosen).extracting(NodeStatus::volume).doesNotHaveDuplicates();
        // With the other volume full, sharing is the only way to two copies.
        List<NodeStatus> full = List.of(nodes.get(0), nodes.get(1), node("b", null, "h2:/dev/sda", 1000));
        assertThat(policy.choose(full, 2, Set.of(), 1 << 20)).extracting(n -> n.id().value())
                .containsExactlyInAnyOrder("a1", "a2");
    }

    @RepeatedTest(20)
    void copiesSpreadOverZonesFirstThenHosts(org.junit.jupiter.api.RepetitionInfo info) {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(info.getCurrentRepetition()));
        List<NodeStatus> nodes = List.of(node("z1a", "z1", "h1:/d", 9 * GIB), node("z1b", "z1", "h2:/d", 9 * GIB),
                node("z2a", "z2", "h3:/d", GIB), node("z2b", "z2", "h3:/e", GIB));
        assertThat(policy.choose(nodes, 2, Set.of(), 1 << 20)).extracting(NodeStatus::zone)
                .containsExactlyInAnyOrder("z1", "z2");
        // A repair next to a copy in z2 on h3 goes to z1 first, and the third copy to z1's other host.
        List<NodeStatus> chosen = policy.choose(nodes, 2, Set.of(), 1 << 20, List.of(nodes.get(2)));
        assertThat(chosen).extracting(NodeStatus::zone).containsOnly("z1");
        assertThat(chosen).extracting(NodeStatus::host).doesNotHaveDuplicates();
    }

    @Test
    void drainingNodesAndNodesAtTheirReserveTakeNothing() {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(3));
        NodeStatus draining = node("d", null, "h1:/a", 9 * GIB).withState(NodeState.DRAINING);
        NodeStatus reserved = new NodeStatus(new NodeId("r"), "http://r", null, true, 10 * GIB, 0, GIB, 0, 0, 0, 1,
                "h2:/a", NodeState.ACTIVE, 0, GIB);
        NodeStatus ok = node("ok", null, "h3:/a", GIB);
        for (int i = 0; i < 50; i++) {
            assertThat(policy.choose(List.of(draining, reserved, ok), 3, Set.of(), 1 << 20))
                    .extracting(n -> n.id().value()).containsExactly("ok");
        }
    }

    @RepeatedTest(20)
    void neverPlacesTwoReplicasOnOneNode(org.junit.jupiter.api.RepetitionInfo info) {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(info.getCurrentRepetition()));
        List<NodeStatus> nodes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            nodes.add(node("n" + i, true, (i + 1) * GIB));
        }
        for (int count = 1; count <= 7; count++) {
            List<NodeStatus> chosen = policy.choose(nodes, count, Set.of(), 1 << 20);
            assertThat(chosen).hasSize(Math.min(count, 5));
            assertThat(new HashSet<>(chosen)).hasSameSizeAs(chosen);
        }
    }

    @Test
    void avoidsUnhealthyExcludedAndFullNodes() {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(7));
        List<NodeStatus> nodes = List.of(node("sick", false, 9 * GIB), node("excluded", true, 9 * GIB),
                node("full", true, 1000), node("ok1", true, GIB), node("ok2", true, GIB));
        for (int i = 0; i < 200; i++) {
            List<NodeStatus> chosen = policy.choose(nodes, 3, Set.of(new NodeId("excluded")), 1 << 20);
            assertThat(chosen).extracting(n -> n.id().value()).containsExactlyInAnyOrder("ok1", "ok2");
        }
    }

    @Test
    void spreadsByFreeSpace() {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(42));
        List<NodeStatus> nodes = List.of(node("small", true, GIB), node("big", true, 3 * GIB));
        Map<String, Integer> firstPicks = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            firstPicks.merge(policy.choose(nodes, 1, Set.of(), 1).getFirst().id().value(), 1, Integer::sum);
        }
        // Expected 1:3; allow a generous margin for randomness.
        assertThat(firstPicks.get("big")).isBetween(14_000, 16_000);
    }

    @Test
    void equalNodesShareTheLoadEvenly() {
        PlacementPolicy policy = new PlacementPolicy(new SplittableRandom(3));
        List<NodeStatus> nodes = List.of(node("a", true, GIB), node("b", true, GIB), node("c", true, GIB));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            for (NodeStatus n : policy.choose(nodes, 2, Set.of(), 1)) {
                counts.merge(n.id().value(), 1, Integer::sum);
            }
        }
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(19_000, 21_000));
    }
}
