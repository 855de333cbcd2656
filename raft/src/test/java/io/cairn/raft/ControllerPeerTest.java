package io.cairn.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControllerPeerTest {
    @Test
    void freeLoopbackPortsGivenOutBeforeAnyIsBoundAreAllDifferent() {
        // A group picks its peers' ports before starting any of them: a repeat would make two peers share one.
        // 500 random picks from 12,000 ports would repeat one almost surely (birthday bound ~ 1 - e^-10).
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertThat(ports.add(ControllerPeer.freeLoopbackPort())).as("pick %d", i).isTrue();
        }
        assertThat(ports).allMatch(port -> port >= 1024 && port < 65536);
    }
}
