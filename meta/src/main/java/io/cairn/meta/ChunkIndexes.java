package io.cairn.meta;

import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Builds the chunk indexes ({@link Keys}) of a store written before they existed, from its chunk records, once. The
 * indexes are derived from the records alone, so every controller builds the same bytes from the same state; the
 * same goes for the unreferenced bytes the stats did not count then.
 */
final class ChunkIndexes {
    private static final int BATCH = 10_000;

    private ChunkIndexes() {
    }

    /** Marks a new cluster's store as indexed from its first command on. */
    static void markBuilt(Tx tx) {
        tx.putIndexesBuilt();
    }

    /**
     * Builds the indexes unless the store says they are built. A store without a cluster id is new: its first command
     * ({@link MetaCommand.InitCluster}) marks it, so opening an empty store writes nothing.
     */
    static void ensureBuilt(MetaStore store) {
        KeyValueView live = store.live();
        if (live.get(Keys.CHUNK_INDEXES) != null || live.get(Keys.CLUSTER_ID) == null) {
            return;
        }
        TreeMap<byte[], byte[]> batch = new TreeMap<>(Arrays::compareUnsigned);
        long[] unreferenced = {0};
        byte[] chunks = Keys.kind(Keys.CHUNK);
        live.scan(chunks, Keys.prefixEnd(chunks), (key, value) -> {
            ChunkRecord chunk = RecordCodec.decode(value, ChunkRecord.class);
            Tx.indexEntries(chunk).forEach((k, v) -> batch.put(k, RecordCodec.encode(v)));
            if (chunk.refCount() == 0 && !chunk.copies().isEmpty()) {
                unreferenced[0] += chunk.size();
            }
            if (batch.size() >= BATCH) {
                store.write(batch);
                batch.clear();
            }
            return true;
        });
        byte[] raw = live.get(Keys.STATS);
        if (raw != null && unreferenced[0] > 0) {
            ClusterStats s = RecordCodec.decode(raw, ClusterStats.class);
            batch.put(Keys.STATS, RecordCodec.encode(new ClusterStats(s.objects(), s.versions(), s.logicalBytes(),
                    s.chunks(), s.chunkBytes(), s.storedBytes(), unreferenced[0], s.doomedBytes(),
                    s.reclaimedBytes())));
        }
        batch.put(Keys.CHUNK_INDEXES, RecordCodec.encode(1L));
        store.write(batch);
    }
}
