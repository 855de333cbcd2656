package io.cairn.meta;

import io.cairn.core.ChunkId;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries over the applied state: each call reads one published snapshot, so it sees whole commands only, every
 * command whose {@link MetaDatabase#apply} returned before the call started, and none still being applied. Separate
 * calls may see different snapshots.
 *
 * <p>Thread-safe and meant for many concurrent (virtual) threads: each call is a few short RocksDB reads.
 */
public final class MetaReader {
    private final ReadViews views;

    MetaReader(ReadViews views) {
        this.views = views;
    }

    public Optional<String> clusterId() {
        return views.read(v -> decode(v.get(Keys.CLUSTER_ID), String.class));
    }

    public Optional<BucketRecord> bucket(String name) {
        return views.read(v -> decode(v.get(Keys.bucket(name)), BucketRecord.class));
    }

    /** All buckets by name. */
    public List<BucketRecord> buckets() {
        return views.read(v -> scanAll(v, Keys.kind(Keys.BUCKET), BucketRecord.class));
    }

    public Optional<ObjectHead> head(String bucket, String key) {
        return views.read(v -> decode(v.get(Keys.head(bucket, key)), ObjectHead.class));
    }

    public Optional<ObjectVersion> version(String bucket, String key, long version) {
        return views.read(v -> decode(v.get(Keys.version(bucket, key, version)), ObjectVersion.class));
    }

    public Optional<ObjectVersion> latest(String bucket, String key) {
        byte[] prefix = Keys.versionPrefix(bucket, key);
        return views.read(v -> {
            KeyValueView.Entry last = v.last(prefix, Keys.prefixEnd(prefix));
            return decode(last == null ? null : last.value(), ObjectVersion.class);
        });
    }

    /**
     * One page of a bucket's listing, in ascending UTF-8 byte order of keys (S3's order).
     *
     * @param prefix only keys starting with this; null or empty for all
     * @param after  only keys after this one (the last key of the previous page); null or empty to start at the top
     * @param limit  at most this many heads; the cost is O(limit), whatever the bucket's size
     */
    public List<ObjectHead> listHeads(String bucket, String prefix, String after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        byte[] start = Keys.headPrefix(bucket, prefix == null ? "" : prefix);
        byte[] end = Keys.prefixEnd(start);
        if (after != null && !after.isEmpty()) {
            byte[] afterKey = Keys.successor(Keys.head(bucket, after));
            if (Arrays.compareUnsigned(afterKey, start) > 0) {
                start = afterKey;
            }
        }
        byte[] from = start;
        return views.read(v -> {
            List<ObjectHead> page = new ArrayList<>(Math.min(limit, 1024));
            v.scan(from, end, (key, value) -> {
                page.add(RecordCodec.decode(value, ObjectHead.class));
                return page.size() < limit;
            });
            return page;
        });
    }

    /** Every version of the key, oldest first. */
    public List<ObjectVersion> versions(String bucket, String key) {
        return views.read(v -> scanAll(v, Keys.versionPrefix(bucket, key), ObjectVersion.class));
    }

    public Optional<ChunkRecord> chunk(ChunkId id) {
        return views.read(v -> decode(v.get(Keys.chunk(id)), ChunkRecord.class));
    }

    /** The records of those chunks the map knows, in the order asked, in one batched lookup. */
    public Map<ChunkId, ChunkRecord> chunks(Collection<ChunkId> ids) {
        List<ChunkId> distinct = List.copyOf(new LinkedHashSet<>(ids));
        List<byte[]> keys = distinct.stream().map(Keys::chunk).toList();
        List<byte[]> values = views.read(v -> v.multiGet(keys));
        Map<ChunkId, ChunkRecord> found = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            if (values.get(i) != null) {
                found.put(distinct.get(i), RecordCodec.decode(values.get(i), ChunkRecord.class));
            }
        }
        return found;
    }

    /** All registered nodes by id. */
    public List<NodeRecord> nodes() {
        return views.read(v -> scanAll(v, Keys.kind(Keys.NODE), NodeRecord.class));
    }

    public ClusterStats stats() {
        return views.read(v -> decode(v.get(Keys.STATS), ClusterStats.class)).orElse(ClusterStats.EMPTY);
    }

    /** The log position of the last command this reader can see; {@link AppliedIndex#NONE} before the first. */
    public AppliedIndex applied() {
        return views.read(v -> decode(v.get(Keys.APPLIED_INDEX), AppliedIndex.class)).orElse(AppliedIndex.NONE);
    }

    private static <T> Optional<T> decode(byte[] raw, Class<T> type) {
        return raw == null ? Optional.empty() : Optional.of(RecordCodec.decode(raw, type));
    }

    private static <T> List<T> scanAll(KeyValueView view, byte[] prefix, Class<T> type) {
        List<T> found = new ArrayList<>();
        view.scan(prefix, Keys.prefixEnd(prefix), (key, value) -> {
            found.add(RecordCodec.decode(value, type));
            return true;
        });
        return found;
    }
}
