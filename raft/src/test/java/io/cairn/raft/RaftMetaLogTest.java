package io.cairn.raft;

import static io.cairn.raft.ControllerGroupHarness.bucket;
import static io.cairn.raft.ControllerGroupHarness.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cairn.auth.ClusterSecret;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectVersion;
import io.cairn.meta.ApplyResult;
import io.cairn.raft.ControllerGroupHarness.Member;
import io.cairn.tls.ClusterCa;
import io.cairn.tls.ClusterTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.ratis.util.CodeInjectionForTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three controllers in one JVM: replication, failover, catch-up, snapshot install, partition, membership. */
class RaftMetaLogTest {
    private static final Duration ELECTION = Duration.ofSeconds(20);
    /** Ratis's injection points for handling a follower's append and a vote request (RaftServerImpl's names). */
    private static final String APPEND_ENTRIES = "RaftServerImpl.appendEntries";
    private static final String REQUEST_VOTE = "RaftServerImpl.requestVote";

    @TempDir
    Path dir;
    private ControllerGroupHarness group;

    @AfterEach
    void tearDown() {
        CodeInjectionForTesting.remove(APPEND_ENTRIES);
        CodeInjectionForTesting.remove(REQUEST_VOTE);
        if (group != null) {
            group.close();
        }
    }

    private ControllerGroupHarness group(int size, long snapshotEvery) {
        group = new ControllerGroupHarness(dir, size, snapshotEvery);
        group.startAll();
        return group;
    }

    @Test
    void commandsSubmittedOnAnyControllerReachEveryController() throws Exception {
        group(3, 100_000);
        group.leaderIndex(ELECTION);
        assertThat(group.member(1).submit(bucket("photos"))).isInstanceOf(ApplyResult.Ok.class);
        for (int i = 0; i < 30; i++) {
            Member via = group.member(i % 3);
            ObjectVersion v = via.submit(file("photos", "k" + (i % 7), "content " + i, null)).orThrow(ObjectVersion.class);
            // The controller that forwarded the write sees it at once (read-your-writes).
            assertThat(via.db().reader().version("photos", v.key(), v.version())).isPresent();
        }
        // Two creates of one bucket are decided once: the second is rejected on every controller alike.
        assertThatThrownBy(() -> group.member(2).submit(bucket("photos")).orThrow(Object.class))
                .isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        awaitIdentical();
        // A snapshot on demand covers everything applied, and the group goes on after it.
        Member one = group.member(1);
        assertThat(one.log().takeSnapshot()).isEqualTo(one.db().applied().index());
        assertThat(one.log().status().snapshot_index()).isEqualTo(one.db().applied().index());
        one.submit(file("photos", "after-snapshot", "s", null)).orThrow(ObjectVersion.class);
        awaitIdentical();
    }

    @Test
    void aRetriedCommitCreatesOneVersion() throws Exception {
        group(3, 100_000);
        group.leaderIndex(ELECTION);
        assertThat(group.member(0).submit(bucket("bkt"))).isInstanceOf(ApplyResult.Ok.class);
        ObjectVersion first = group.member(1).submit(file("bkt", "k", "x", "request-1")).orThrow(ObjectVersion.class);
        ObjectVersion retry = group.member(2).submit(file("bkt", "k", "x", "request-1")).orThrow(ObjectVersion.class);
        assertThat(retry.version()).isEqualTo(first.version());
        assertThat(group.member(0).db().reader().versions("bkt", "k")).hasSize(1);
    }

    @Test
    void aNewLeaderTakesOverWhenTheLeaderStopsAndTheOldOneCatchesUpOnRestart() throws Exception {
        group(3, 100_000);
        int leader = group.leaderIndex(ELECTION);
        int survivor = (leader + 1) % 3;
        group.member(survivor).submit(bucket("bkt"));
        for (int i = 0; i < 20; i++) {
            group.member(i % 3).submit(file("bkt", "before" + i, "v" + i, null));
        }
        group.stop(leader);
        long stopped = System.nanoTime();
        group.member(survivor).submit(file("bkt", "after", "x", null)).orThrow(ObjectVersion.class);
        System.out.printf("leader stopped -> first write acknowledged by the new leader: %d ms%n",
                (System.nanoTime() - stopped) / 1_000_000);
        assertThat(group.leaderIndex(ELECTION)).isNotEqualTo(leader);
        for (int i = 0; i < 20; i++) {
            group.member(survivor).submit(file("bkt", "during" + i, "d" + i, null));
        }
        group.start(leader);
        awaitIdentical();
        assertThat(group.member(leader).db().reader().listHeads("bkt", "", null, 100)).hasSize(41);
    }

    /**
     * Ratis over mutual TLS from the cluster CA: the group elects, replicates and fails over as over plain gRPC, and
     * its port refuses a connection without a certificate of the cluster, and plain gRPC.
     */
    @Test
    void overMutualTlsTheGroupFailsOverAndAPeerWithoutAClusterCertificateIsRefused() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        group = new ControllerGroupHarness(dir, 3, 100_000, secret);
        group.startAll();
        int leader = group.leaderIndex(ELECTION);
        int survivor = (leader + 1) % 3;
        group.member(survivor).submit(bucket("bkt")).orThrow(Object.class);
        group.member(leader).submit(file("bkt", "before", "b", null)).orThrow(ObjectVersion.class);
        group.stop(leader);
        group.member(survivor).submit(file("bkt", "after", "a", null)).orThrow(ObjectVersion.class);
        assertThat(group.leaderIndex(ELECTION)).isNotEqualTo(leader);
        group.start(leader);
        awaitIdentical();

        String[] address = group.member(survivor).peer().address().split(":");
        SSLContext noCertificate = SSLContext.getInstance("TLS");
        noCertificate.init(null, new TrustManager[] {ClusterTrustManager.of(ClusterCa.derive(secret).certificate())},
                null);
        assertThat(answers(noCertificate.getSocketFactory().createSocket(address[0], Integer.parseInt(address[1]))))
                .as("TLS without a certificate").isFalse();
        assertThat(answers(new Socket(address[0], Integer.parseInt(address[1])))).as("plain gRPC").isFalse();
    }

    /** Whether the port answers an HTTP/2 connection preface with anything but a closed or refused connection. */
    private static boolean answers(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            socket.getOutputStream().flush();
            return socket.getInputStream().read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aFollowerBehindThePurgedLogReceivesTheLeadersSnapshot() throws Exception {
        group(3, 20);
        int leader = group.leaderIndex(ELECTION);
        int follower = (leader + 1) % 3;
        group.member(leader).submit(bucket("bkt"));
        group.stop(follower);
        writeFiles(group.member(leader), 150);
        assertThat(group.member(leader).log().takeSnapshot()).isGreaterThan(150);
        group.start(follower);
        awaitIdentical();
        assertThat(group.member(follower).log().status().snapshot_index()).isGreaterThan(100);
        assertThat(group.member(follower).db().reader().listHeads("bkt", "", null, 500)).hasSize(150);
    }

    /**
     * Raft assumes a member never loses its log, so a controller whose directory was wiped rejoins as a new member:
     * removed, started empty as joining, added back; the leader then sends it a snapshot.
     */
    @Test
    void aWipedControllerRejoinsAndIsRebuiltFromASnapshot() throws Exception {
        group(3, 20);
        int leader = group.leaderIndex(ELECTION);
        int wiped = (leader + 1) % 3;
        group.member(leader).submit(bucket("bkt"));
        writeFiles(group.member(leader), 120);
        await().atMost(Duration.ofSeconds(20)).until(() -> group.member(leader).log().status().snapshot_index() > 100);
        ControllerPeer peer = group.member(wiped).peer();
        group.stop(wiped);
        group.wipe(wiped);
        group.member(leader).log().removeController(peer.id());
        group.start(wiped, peer, group.peers(), true);
        group.member(leader).log().addController(peer);
        awaitIdentical();
        assertThat(group.member(wiped).log().status().snapshot_index()).isGreaterThan(100);
        assertThat(group.member(wiped).db().reader().listHeads("bkt", "", null, 500)).hasSize(120);
    }

    private static void writeFiles(Member via, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(via.submit(file("bkt", "k" + i, "v" + i, null))).isInstanceOf(ApplyResult.Ok.class);
        }
    }

    @Test
    void anIsolatedLeaderServesNoStaleReadAndRejoinsAfterTheHeal() throws Exception {
        group(3, 100_000);
        int leader = group.leaderIndex(ELECTION);
        group.member(leader).submit(bucket("bkt"));
        awaitIdentical();
        String isolated = group.member(leader).peer().id();
        CodeInjectionForTesting.Code cut = (local, remote, args) -> {
            if (isolated.equals(String.valueOf(local)) || isolated.equals(String.valueOf(remote))) {
                throw new IllegalStateException("partitioned in the test");
            }
            return true;
        };
        CodeInjectionForTesting.put(APPEND_ENTRIES, cut);
        CodeInjectionForTesting.put(REQUEST_VOTE, cut);

        int other = (leader + 1) % 3;
        ObjectVersion written = group.member(other).submit(file("bkt", "during-partition", "p", null))
                .orThrow(ObjectVersion.class);
        // The old leader must either refuse the read or answer it with the new write: never the old state.
        try {
            group.member(leader).log().awaitReadable(ReadConsistency.LINEARIZABLE);
            assertThat(group.member(leader).db().reader().version("bkt", "during-partition", written.version()))
                    .isPresent();
        } catch (CairnException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
        CodeInjectionForTesting.remove(APPEND_ENTRIES);
        CodeInjectionForTesting.remove(REQUEST_VOTE);
        awaitIdentical();
    }

    @Test
    void controllersAreAddedAndRemovedWhileTheGroupRuns() throws Exception {
        group(3, 100_000);
        int leader = group.leaderIndex(ELECTION);
        group.member(leader).submit(bucket("bkt"));
        ControllerPeer added = group.newPeer(3);
        List<ControllerPeer> grown = new java.util.ArrayList<>(group.peers());
        grown.add(added);
        group.start(3, added, grown, true);
        List<ControllerPeer> members = group.member(leader).log().addController(added);
        assertThat(members).extracting(ControllerPeer::id).containsExactlyInAnyOrder("c0", "c1", "c2", "c3");
        group.member(3).submit(file("bkt", "via-new", "n", null)).orThrow(ObjectVersion.class);
        awaitIdentical();

        String removed = group.member(leader).peer().id();
        group.member((leader + 1) % 3).log().removeController(removed);
        group.stop(leader);
        group.member(3).submit(file("bkt", "after-removal", "r", null)).orThrow(ObjectVersion.class);
        assertThat(group.member(3).log().members()).extracting(ControllerPeer::id).doesNotContain(removed)
                .hasSize(3);
        awaitIdentical();
    }

    /** Waits until every running controller has applied the same log prefix, then compares their metadata. */
    private void awaitIdentical() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<Member> running = group.running();
            Set<Long> applied = running.stream().map(m -> m.db().applied().index()).collect(Collectors.toSet());
            assertThat(applied).hasSize(1);
            assertThat(running.stream().map(Member::digest).collect(Collectors.toSet())).hasSize(1);
        });
    }
}
