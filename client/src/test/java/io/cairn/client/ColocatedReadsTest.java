package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.BadReplicaReport;
import io.cairn.api.ChunkLocation;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.Replica;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.core.model.ObjectVersion;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads of copies on nodes in the reader's process: taken from the node's store, never over HTTP (the reader here has
 * no HTTP client at all), and verified like any other copy.
 */
class ColocatedReadsTest {
    static final int CHUNK = 300_000; // above ObjectReader.HASH_ELSEWHERE_FROM: hashed on the pool
    final NodeId a = new NodeId("a");
    final NodeId b = new NodeId("b");
    final ColocatedNodes colocated = new ColocatedNodes();
    final List<BadReplicaReport> reports = new CopyOnWriteArrayList<>();
    final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    final ExecutorService hashPool = Executors.newFixedThreadPool(2);
    final NodeHealth health = new NodeHealth(System::nanoTime);
    final ObjectReader reader = new ObjectReader(reportsTo(reports), null, colocated, io, hashPool,
            DataPathSettings.DEFAULT, health);
    final FakeNode nodeA = new FakeNode();
    final FakeNode nodeB = new FakeNode();

    @AfterEach
    void stop() {
        io.close();
        hashPool.close();
    }

    /** A metadata service that only takes bad-replica reports. */
    static MetadataService reportsTo(List<BadReplicaReport> reports) {
        return (MetadataService) Proxy.newProxyInstance(MetadataService.class.getClassLoader(),
                new Class<?>[] {MetadataService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("reportBadReplica")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    reports.add((BadReplicaReport) args[0]);
                    return null;
                });
    }

    /** A node's store as a map: what it holds, and how many reads it served. */
    static final class FakeNode implements ColocatedNodes.LocalChunks {
        final Map<ChunkId, byte[]> copies = new ConcurrentHashMap<>();
        final Map<ChunkId, Integer> reads = new ConcurrentHashMap<>();
        boolean failing;

        @Override
        public int read(ChunkId id, byte[] into) {
            reads.merge(id, 1, Integer::sum);
            if (failing) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "disk gone");
            }
            byte[] copy = copies.get(id);
            if (copy == null) {
                throw CairnException.notFound("no chunk " + id.hex());
            }
            if (copy.length > into.length) {
                return -1;
            }
            System.arraycopy(copy, 0, into, 0, copy.length);
            return copy.length;
        }

        @Override
        public long write(ChunkId id, byte[] data, int length, Crc32c crc) {
            throw new UnsupportedOperationException("reads only");
        }
    }

    static Replica on(NodeId node) {
        return new Replica(node, "http://" + node.value() + ".invalid", true, 0, false);
    }

    /** {@code count} chunks of distinct bytes, each on the nodes given, and the whole object's bytes. */
    record Stored(Manifest manifest, byte[] content, List<byte[]> chunks) {
    }

    static Stored store(int count, List<Replica> replicas, FakeNode... nodes) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<ChunkLocation> locations = new ArrayList<>();
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] chunk = new byte[CHUNK];
            new java.util.Random(i).nextBytes(chunk);
            ChunkId id = Sha256.of(chunk);
            for (FakeNode node : nodes) {
                node.copies.put(id, chunk.clone());
            }
            locations.add(new ChunkLocation(id, CHUNK, (long) i * CHUNK, replicas));
            chunks.add(chunk);
            all.writeBytes(chunk);
        }
        ObjectVersion version = new ObjectVersion("default", "f", 1, (long) count * CHUNK, CHUNK, 2, 0, null, Map.of(),
                List.of(), null, false, false, null, Map.of(), List.of(), null);
        return new Stored(new Manifest(version, locations), all.toByteArray(), chunks);
    }

    byte[] download(Manifest manifest, long from, long to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.copy(manifest, from, to, out, 4L * CHUNK);
        return out.toByteArray();
    }

    /** {@code count} chunks, each on nodes a and b, both in this process. */
    Stored onBoth(int count) {
        colocated.attach(a, nodeA);
        colocated.attach(b, nodeB);
        return store(count, List.of(on(a), on(b)), nodeA, nodeB);
    }

    @Test
    void everyChunkOnANodeInThisProcessIsReadFromItsStoreAndNoneOverHttp() throws Exception {
        Stored stored = onBoth(5);

        // The reader has no HTTP client: a read that went over HTTP would fail.
        assertThat(download(stored.manifest(), 0, stored.content().length)).isEqualTo(stored.content());
        assertThat(download(stored.manifest(), CHUNK - 10, 2L * CHUNK + 10))
                .isEqualTo(java.util.Arrays.copyOfRange(stored.content(), CHUNK - 10, 2 * CHUNK + 10));
        Map<ChunkId, Integer> reads = new HashMap<>(nodeA.reads);
        nodeB.reads.forEach((id, n) -> reads.merge(id, n, Integer::sum));
        assertThat(reads.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(5 + 3); // the range: chunks 0-2
        assertThat(reports).isEmpty();
    }

    @Test
    void aCorruptColocatedCopyIsRefusedReportedAndTheNextCopyServed() throws Exception {
        Stored stored = onBoth(1);
        ChunkId id = stored.manifest().chunks().get(0).id();
        nodeA.copies.get(id)[CHUNK / 2] ^= 1;
        // Whichever node the reader tries first, the file arrives intact; a read of a's copy is reported.
        for (int i = 0; i < 4; i++) {
            assertThat(download(stored.manifest(), 0, CHUNK)).isEqualTo(stored.content());
        }
        assertThat(nodeA.reads.get(id)).isPositive();
        assertThat(reports).isNotEmpty().allSatisfy(report -> {
            assertThat(report.chunk()).isEqualTo(id);
            assertThat(report.node()).isEqualTo(a);
            assertThat(report.reason()).contains("does not match its SHA-256 id");
        });
    }

    @Test
    void aColocatedNodeWithoutTheCopyOrWithAFailingDiskIsSkipped() throws Exception {
        FakeNode empty = new FakeNode();
        FakeNode failing = new FakeNode();
        FakeNode good = new FakeNode();
        NodeId c = new NodeId("c");
        colocated.attach(a, empty);
        colocated.attach(b, failing);
        colocated.attach(c, good);
        Stored stored = store(2, List.of(on(a), on(b), on(c)), failing, good);
        failing.failing = true;
        assertThat(download(stored.manifest(), 0, stored.content().length)).isEqualTo(stored.content());
        // Missing is reported (the controller checks and repairs); a failing read is not a bad copy.
        assertThat(reports).allSatisfy(report -> assertThat(report.node()).isEqualTo(a));

        good.copies.clear();
        assertThatThrownBy(() -> download(stored.manifest(), 0, CHUNK)).hasMessageContaining("no readable replica");
    }

    @Test
    void aCopyLargerThanTheManifestSaysIsRefused() throws Exception {
        colocated.attach(a, nodeA);
        Stored stored = store(1, List.of(on(a)), nodeA);
        ChunkId id = stored.manifest().chunks().get(0).id();
        byte[] longer = java.util.Arrays.copyOf(stored.chunks().get(0), CHUNK + 1);
        nodeA.copies.put(id, longer);
        assertThatThrownBy(() -> download(stored.manifest(), 0, CHUNK)).hasMessageContaining("no readable replica");
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.reason()).contains("more than"));
    }

    @Test
    void aDetachedNodeIsReadOverHttpAgainButOnlyItsOwnAttachmentDetachesIt() {
        FakeNode first = new FakeNode();
        FakeNode second = new FakeNode();
        colocated.attach(a, first);
        colocated.detach(a, second);
        assertThat(colocated.of(a)).isSameAs(first);
        colocated.attach(a, second); // the node restarted
        colocated.detach(a, first); // the old instance's late stop
        assertThat(colocated.of(a)).isSameAs(second);
        colocated.detach(a, second);
        assertThat(colocated.of(a)).isNull();
        assertThatThrownBy(() -> ColocatedNodes.NONE.attach(a, first)).isInstanceOf(IllegalStateException.class);
    }
}
