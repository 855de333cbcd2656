package io.cairn.meta;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builders for commands and whole-store checks shared by the tests. */
final class TestData {
    static final long AT = 1_764_000_000_000L;
    static final int CHUNK_SIZE = 4 << 20;

    private TestData() {
    }

    static ChunkId chunk(String seed) {
        return Sha256.of(seed.getBytes(StandardCharsets.UTF_8));
    }

    static NodeId node(String id) {
        return new NodeId(id);
    }

    static MetaCommand.ChunkWrite written(String seed, int size, String... nodes) {
        return new MetaCommand.ChunkWrite(chunk(seed), size, Arrays.stream(nodes).map(NodeId::new).toList(), null);
    }

    static MetaCommand.ChunkWrite deduped(String seed, int size) {
        return new MetaCommand.ChunkWrite(chunk(seed), size, List.of(), null);
    }

    static MetaCommand.CommitVersion commit(String bucket, String key, MetaCommand.ChunkWrite... chunks) {
        return commit(bucket, key, false, chunks);
    }

    static MetaCommand.CommitVersion commit(String bucket, String key, boolean ifNoneMatch,
                                            MetaCommand.ChunkWrite... chunks) {
        long size = Arrays.stream(chunks).mapToLong(MetaCommand.ChunkWrite::size).sum();
        return new MetaCommand.CommitVersion(bucket, key, size, CHUNK_SIZE, 2, "text/plain", Map.of("k", "v"),
                List.of(chunks), ifNoneMatch, AT, null, null);
    }

    /** {@code command} as sent with {@code requestId} (may be null) and proposed at {@code at}. */
    static MetaCommand.CommitVersion withRequest(MetaCommand.CommitVersion c, String requestId, long at) {
        return new MetaCommand.CommitVersion(c.bucket(), c.key(), c.size(), c.chunkSize(), c.replication(),
                c.contentType(), c.metadata(), c.chunks(), c.ifNoneMatch(), at, requestId, null);
    }

    /** An empty file: the cheapest valid commit. */
    static MetaCommand.CommitVersion empty(String bucket, String key) {
        return new MetaCommand.CommitVersion(bucket, key, 0, CHUNK_SIZE, 1, null, null, List.of(), false, AT, null, null);
    }

    /** The counters of the namespace and the copies, without the collection counters. */
    static ClusterStats namespaceCounts(ClusterStats s) {
        return new ClusterStats(s.objects(), s.versions(), s.logicalBytes(), s.chunks(), s.chunkBytes(),
                s.storedBytes(), 0, 0, 0);
    }

    /** Nodes registered in every {@link StoreTest}'s cluster, on their first store incarnation. */
    static final List<String> NODES = List.of("n1", "n2", "n3", "n4");

    /** Registers {@link #NODES}, as {@link StoreTest} does, for tests that build their own logs. */
    static List<MetaCommand> registerNodes() {
        return NODES.stream().map(n -> (MetaCommand) new MetaCommand.RegisterNode(NodeRecord.fresh(node(n),
                "http://" + n + ":9001", AT, null, "store-" + n))).toList();
    }

    static ChunkRecord record(String seed, int size, List<String> nodes, long refCount, int replication) {
        return new ChunkRecord(chunk(seed), size, nodes.stream().map(n -> new Copy(node(n), 0, 0)).toList(), refCount,
                replication, 0, List.of());
    }

    /**
     * Recomputes the counters from the records themselves, to compare with the ones the commands maintained (all but
     * the bytes reclaimed so far, a history the records do not keep), and checks the chunk indexes against the chunk
     * records.
     */
    /** What each bucket holds by its usage records, leaving out empty ones. */
    static Map<String, Usage> storedUsage(KeyValueView view) {
        Map<String, Usage> usage = new java.util.TreeMap<>();
        byte[] prefix = Keys.kind(Keys.BUCKET_USAGE);
        view.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
            Usage u = RecordCodec.decode(v, Usage.class);
            if (!u.equals(Usage.EMPTY)) {
                usage.put(new String(k, 1, k.length - 1, java.nio.charset.StandardCharsets.UTF_8), u);
            }
            return true;
        });
        return usage;
    }

    /** What each bucket holds, summed from its versions. */
    static Map<String, Usage> recomputeUsage(KeyValueView view) {
        Map<String, Usage> usage = new java.util.TreeMap<>();
        view.scan(Keys.kind(Keys.VERSION), Keys.prefixEnd(Keys.kind(Keys.VERSION)), (k, v) -> {
            ObjectVersion version = RecordCodec.decode(v, ObjectVersion.class);
            if (!version.deleteMarker()) {
                usage.merge(version.bucket(), new Usage(version.size(), 1), (a, b) -> a.plus(b.bytes(), b.objects()));
            }
            return true;
        });
        return usage;
    }

    static ClusterStats recomputeStats(KeyValueView view) {
        long[] s = new long[8];
        java.util.TreeMap<byte[], Object> indexes = new java.util.TreeMap<>(Arrays::compareUnsigned);
        view.scan(Keys.kind(Keys.HEAD), Keys.prefixEnd(Keys.kind(Keys.HEAD)), (k, v) -> {
            RecordCodec.decode(v, ObjectHead.class);
            s[0]++;
            return true;
        });
        view.scan(Keys.kind(Keys.VERSION), Keys.prefixEnd(Keys.kind(Keys.VERSION)), (k, v) -> {
            s[1]++;
            s[2] += RecordCodec.decode(v, ObjectVersion.class).size();
            return true;
        });
        view.scan(Keys.kind(Keys.CHUNK), Keys.prefixEnd(Keys.kind(Keys.CHUNK)), (k, v) -> {
            ChunkRecord chunk = RecordCodec.decode(v, ChunkRecord.class);
            s[3]++;
            s[4] += chunk.size();
            s[5] += (long) chunk.size() * chunk.copies().size();
            s[6] += chunk.refCount() == 0 && !chunk.copies().isEmpty() ? chunk.size() : 0;
            s[7] += (long) chunk.size() * chunk.doomed().size();
            indexes.putAll(Tx.indexEntries(chunk));
            return true;
        });
        java.util.TreeMap<byte[], Object> stored = new java.util.TreeMap<>(Arrays::compareUnsigned);
        for (byte kind : new byte[] {Keys.COPY_BY_NODE, Keys.DOOMED_BY_NODE, Keys.UNREFERENCED,
                Keys.UNDER_REPLICATED, Keys.OVER_REPLICATED}) {
            view.scan(Keys.kind(kind), Keys.prefixEnd(Keys.kind(kind)), (k, v) -> {
                stored.put(k, RecordCodec.decode(v, Long.class));
                return true;
            });
        }
        if (!stored.equals(indexes)) {
            throw new AssertionError("chunk indexes " + stored.size() + " entries, records imply " + indexes.size());
        }
        byte[] raw = view.get(Keys.STATS);
        long reclaimed = raw == null ? 0 : RecordCodec.decode(raw, ClusterStats.class).reclaimedBytes();
        return new ClusterStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], reclaimed);
    }

    /** Every key and value, the applied index included: equal digests, equal stores. */
    static String digest(KeyValueView view) {
        return StateDigest.of(view) + " " + new String(view.get(Keys.APPLIED_INDEX), StandardCharsets.UTF_8);
    }
}
