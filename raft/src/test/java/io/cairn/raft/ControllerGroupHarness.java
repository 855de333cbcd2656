package io.cairn.raft;

import io.cairn.auth.ClusterSecret;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.meta.ApplyResult;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaDatabase;
import io.cairn.tls.ClusterTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Several controllers' Raft logs and databases in one JVM, each on its own port and directory. */
final class ControllerGroupHarness implements AutoCloseable {
    static final long AT = 1_764_000_000_000L;

    private final Path root;
    private final List<ControllerPeer> peers = new ArrayList<>();
    private final Member[] members;
    private final long snapshotEvery;
    /** Each member's TLS from the cluster CA of this secret; null for plain gRPC. */
    private final ClusterSecret tlsSecret;

    ControllerGroupHarness(Path root, int size, long snapshotEvery) {
        this(root, size, snapshotEvery, null);
    }

    ControllerGroupHarness(Path root, int size, long snapshotEvery, ClusterSecret tlsSecret) {
        this.root = root;
        this.snapshotEvery = snapshotEvery;
        this.tlsSecret = tlsSecret;
        this.members = new Member[size + 2]; // room for members added later
        for (int i = 0; i < size; i++) {
            peers.add(newPeer(i));
        }
    }

    ControllerPeer newPeer(int i) {
        return new ControllerPeer("c" + i, "127.0.0.1:" + ControllerPeer.freeLoopbackPort());
    }

    List<ControllerPeer> peers() {
        return peers;
    }

    void startAll() {
        for (int i = 0; i < peers.size(); i++) {
            start(i);
        }
    }

    /** Starts member {@code i} with the group as initially configured (its own entry included). */
    Member start(int i) {
        return start(i, peers.get(i), peers, false);
    }

    /** @param joining started to be added to the running group, rather than as one of its founders */
    Member start(int i, ControllerPeer self, List<ControllerPeer> group, boolean joining) {
        Path dir = root.resolve("c" + i);
        MetaDatabase db = MetaDatabase.open(dir.resolve("db"));
        RaftSettings settings = new RaftSettings(self.id(), group, dir.resolve("raft"), Duration.ofMillis(500),
                snapshotEvery, Duration.ofSeconds(5), joining, tls("cairn controller " + self.id()));
        try {
            members[i] = new Member(self, db, RaftMetaLog.start(settings, db));
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException(e);
        }
        return members[i];
    }

    /** A member's TLS, each with a certificate of its own, as separate processes would have; null without TLS. */
    PeerTls tls(String commonName) {
        if (tlsSecret == null) {
            return null;
        }
        ClusterTls tls = new ClusterTls(tlsSecret, commonName, List.of("127.0.0.1"));
        return new PeerTls(tls.keyManager(), tls.trustManager());
    }

    Member member(int i) {
        return members[i];
    }

    /** Stops member {@code i} as abruptly as the in-JVM setting allows (no snapshot, no goodbye). */
    void stop(int i) {
        Member m = members[i];
        members[i] = null;
        m.log.close();
        m.db.close();
    }

    void wipe(int i) throws IOException {
        Path dir = root.resolve("c" + i);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    List<Member> running() {
        return Stream.of(members).filter(m -> m != null).toList();
    }

    int leaderIndex(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < members.length; i++) {
                if (members[i] != null && members[i].log.isLeader()) {
                    return i;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + timeout);
    }

    @Override
    public void close() {
        for (int i = 0; i < members.length; i++) {
            if (members[i] != null) {
                stop(i);
            }
        }
    }


    // ---- commands ------------------------------------------------------------------------------------------------

    static MetaCommand.CreateBucket bucket(String name) {
        return new MetaCommand.CreateBucket(name, AT, null);
    }

    /** A one-chunk file whose chunk is named after {@code content}. */
    static MetaCommand.CommitVersion file(String bucket, String key, String content, String requestId) {
        ChunkId chunk = Sha256.of(content.getBytes(StandardCharsets.UTF_8));
        int size = content.length();
        return new MetaCommand.CommitVersion(bucket, key, size, 1 << 20, 2, "text/plain", Map.of(),
                List.of(new MetaCommand.ChunkWrite(chunk, size, List.of(new NodeId("n1"), new NodeId("n2")), null)),
                false, AT, requestId, null);
    }

    record Member(ControllerPeer peer, MetaDatabase db, RaftMetaLog log) {
        ApplyResult submit(MetaCommand command) {
            return log.submit(command).join();
        }

        String digest() {
            return db.digest();
        }
    }
}
