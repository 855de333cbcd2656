package io.cairn.meta;

import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.JoinTokenRecord;
import io.cairn.core.model.Listing;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Usage;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.UserRecord;
import io.cairn.core.model.VersionListing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

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

    /**
     * One page of a bucket's listing as S3 shows it: live keys (latest version not a delete marker) and, with a
     * delimiter, common prefixes; at most {@code limit} of both together, O(limit) whatever the bucket's size.
     *
     * @param after the previous page's {@link Listing#next()} or any key to start after; null for the top
     */
    public Listing list(String bucket, String prefix, String delimiter, String after, int limit) {
        if (limit <= 0) {
            return new Listing(List.of(), List.of(), null);
        }
        return views.read(v -> new ListingScan(bucket, prefix, delimiter, limit).run(v, after));
    }

    /**
     * One page of a bucket's versions as S3 lists them: keys in order, each key's versions newest first, delete
     * markers included, common prefixes with a delimiter; at most {@code limit} entries.
     *
     * @param afterKey     a previous page's {@link VersionListing#nextKey()}, or null for the top
     * @param afterVersion its {@link VersionListing#nextVersion()}
     */
    public VersionListing listVersions(String bucket, String prefix, String delimiter, String afterKey,
                                       long afterVersion, int limit) {
        if (limit <= 0) {
            return new VersionListing(List.of(), List.of(), null, 0);
        }
        return views.read(v -> new VersionScan(bucket, prefix, delimiter, limit).run(v, afterKey, afterVersion));
    }

    public Optional<UploadRecord> upload(String bucket, String key, String uploadId) {
        return views.read(v -> decode(v.get(Keys.upload(bucket, key, uploadId)), UploadRecord.class));
    }

    /** Up to {@code limit} parts of an upload numbered above {@code after}, ascending. */
    public List<PartRecord> parts(String uploadId, int after, int limit) {
        byte[] prefix = Keys.partPrefix(uploadId);
        byte[] from = Keys.part(uploadId, Math.max(0, after) + 1);
        return views.read(v -> scan(v, from, Keys.prefixEnd(prefix), PartRecord.class, limit));
    }

    /**
     * Up to {@code limit} open uploads of a bucket, by key then upload id (so by age within a key), after the upload
     * ({@code afterKey}, {@code afterUploadId}); with a null upload id, after every upload of {@code afterKey}.
     */
    public List<UploadRecord> uploads(String bucket, String prefix, String afterKey, String afterUploadId, int limit) {
        byte[] start = Keys.uploadPrefix(bucket, prefix == null ? "" : prefix);
        byte[] end = Keys.prefixEnd(start);
        if (afterKey != null && !afterKey.isEmpty()) {
            byte[] resume = afterUploadId == null || afterUploadId.isEmpty()
                    ? Keys.prefixEnd(Keys.upload(bucket, afterKey, ""))
                    : Keys.successor(Keys.upload(bucket, afterKey, afterUploadId));
            if (Arrays.compareUnsigned(resume, start) > 0) {
                start = resume;
            }
        }
        byte[] from = start;
        return views.read(v -> scan(v, from, end, UploadRecord.class, limit));
    }

    /** Up to {@code limit} open uploads of any bucket started before {@code at}: candidates for cleanup. */
    public List<UploadRecord> uploadsStartedBefore(long at, int limit) {
        byte[] all = Keys.kind(Keys.UPLOAD);
        return views.read(v -> {
            List<UploadRecord> found = new ArrayList<>();
            v.scan(all, Keys.prefixEnd(all), (key, value) -> {
                UploadRecord upload = RecordCodec.decode(value, UploadRecord.class);
                if (upload.initiatedAt() < at) {
                    found.add(upload);
                }
                return found.size() < limit;
            });
            return found;
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

    /** A page of the chunks recording a copy on {@code node} (any incarnation), in id order after {@code after}. */
    public List<NodeCopy> copiesOn(NodeId node, ChunkId after, int limit) {
        byte[] prefix = Keys.copiesOfNode(node);
        byte[] from = after == null ? prefix : Keys.successor(Keys.copyByNode(node, after));
        return indexPage(prefix, from, limit, (key, value) -> new NodeCopy(Keys.chunkAt(key, prefix.length),
                RecordCodec.decode(value, Long.class)));
    }

    /** A chunk with a copy recorded on a node, and the node's store incarnation the copy was recorded under. */
    public record NodeCopy(ChunkId chunk, long incarnation) {
    }

    /** A page of the copies a logged decision doomed on {@code node}, by chunk then generation, after {@code after}. */
    public List<DoomedCopy> doomedOn(NodeId node, DoomedCopy after, int limit) {
        byte[] prefix = Keys.doomedOfNode(node);
        byte[] from = after == null ? prefix
                : Keys.successor(Keys.doomedByNode(node, after.chunk(), after.generation()));
        return indexPage(prefix, from, limit, (key, value) -> new DoomedCopy(Keys.chunkAt(key, prefix.length),
                RecordCodec.decode(value, Long.class)));
    }

    /** A copy of a chunk awaiting deletion on some node: the file of that generation. */
    public record DoomedCopy(ChunkId chunk, long generation) {
    }

    /** A page of the chunks nothing references any more, in id order after {@code after}. */
    public List<ChunkId> unreferenced(ChunkId after, int limit) {
        return chunkIndex(Keys.UNREFERENCED, after, limit);
    }

    /** A page of the referenced chunks recording fewer copies than they need. */
    public List<ChunkId> underReplicated(ChunkId after, int limit) {
        return chunkIndex(Keys.UNDER_REPLICATED, after, limit);
    }

    /** A page of the chunks recording more copies than they need. */
    public List<ChunkId> overReplicated(ChunkId after, int limit) {
        return chunkIndex(Keys.OVER_REPLICATED, after, limit);
    }

    private List<ChunkId> chunkIndex(byte kind, ChunkId after, int limit) {
        byte[] prefix = Keys.kind(kind);
        byte[] from = after == null ? prefix : Keys.successor(Keys.chunkIndex(kind, after));
        return indexPage(prefix, from, limit, (key, value) -> Keys.chunkAt(key, 1));
    }

    /** Up to {@code limit} entries of one index from {@code from} on, each made into a {@code T}. */
    private <T> List<T> indexPage(byte[] prefix, byte[] from, int limit, BiFunction<byte[], byte[], T> entry) {
        return views.read(v -> {
            List<T> page = new ArrayList<>();
            v.scan(from, Keys.prefixEnd(prefix), (key, value) -> {
                page.add(entry.apply(key, value));
                return page.size() < limit;
            });
            return page;
        });
    }

    public Optional<NodeRecord> node(NodeId id) {
        return views.read(v -> decode(v.get(Keys.node(id)), NodeRecord.class));
    }

    /** All registered nodes by id. */
    public List<NodeRecord> nodes() {
        // Decoded once per published state: placement, commits and heartbeats each read the whole registry.
        return views.readMemoized("nodes", v -> List.copyOf(scanAll(v, Keys.kind(Keys.NODE), NodeRecord.class)));
    }

    public Optional<UserRecord> user(String name) {
        return views.read(v -> decode(v.get(Keys.user(name)), UserRecord.class));
    }

    /** All users by name. */
    public List<UserRecord> users() {
        return views.read(v -> scanAll(v, Keys.kind(Keys.USER), UserRecord.class));
    }

    public Optional<AccessKeyRecord> accessKey(String accessKeyId) {
        return views.read(v -> decode(v.get(Keys.accessKey(accessKeyId)), AccessKeyRecord.class));
    }

    /** All access keys of all users, by id. */
    public List<AccessKeyRecord> accessKeys() {
        return views.read(v -> scanAll(v, Keys.kind(Keys.ACCESS_KEY), AccessKeyRecord.class));
    }

    /** A stored policy; canned policies are not stored. */
    public Optional<PolicyRecord> policy(String name) {
        return views.read(v -> decode(v.get(Keys.policy(name)), PolicyRecord.class));
    }

    /** All stored policies by name. */
    public List<PolicyRecord> policies() {
        return views.read(v -> scanAll(v, Keys.kind(Keys.POLICY), PolicyRecord.class));
    }

    /** The user who created the bucket, if a user did (not root). */
    public Optional<String> bucketOwner(String bucket) {
        return views.read(v -> decode(v.get(Keys.bucketOwner(bucket)), String.class));
    }

    /** A join token not yet used up (it may have expired). */
    public Optional<JoinTokenRecord> joinToken(String id) {
        return views.read(v -> decode(v.get(Keys.joinToken(id)), JoinTokenRecord.class));
    }

    /** Every join token not yet used up, by id. */
    public List<JoinTokenRecord> joinTokens() {
        return views.read(v -> scanAll(v, Keys.kind(Keys.JOIN_TOKEN), JoinTokenRecord.class));
    }

    /** The bucket's policy document, if it has one. */
    public Optional<String> bucketPolicy(String bucket) {
        return views.read(v -> decode(v.get(Keys.bucketPolicy(bucket)), String.class));
    }

    /** The bucket's CORS configuration, if it has one. */
    public Optional<String> bucketCors(String bucket) {
        return views.read(v -> decode(v.get(Keys.bucketCors(bucket)), String.class));
    }

    /** A quota as it is set, with what its bucket or user holds now. */
    public record QuotaState(QuotaScope scope, String name, Quota quota, Usage usage) {
    }

    /** Every quota set, buckets' first, by name. */
    public List<QuotaState> quotas() {
        return views.read(v -> {
            List<QuotaState> found = new ArrayList<>();
            byte[] prefix = Keys.kind(Keys.QUOTA);
            v.scan(prefix, Keys.prefixEnd(prefix), (key, value) -> {
                QuotaScope scope = key[1] == 'b' ? QuotaScope.BUCKET : QuotaScope.USER;
                String name = new String(key, 2, key.length - 2, StandardCharsets.UTF_8);
                byte[] usageKey = scope == QuotaScope.BUCKET ? Keys.bucketUsage(name) : Keys.userUsage(name);
                found.add(new QuotaState(scope, name, RecordCodec.decode(value, Quota.class),
                        decode(v.get(usageKey), Usage.class).orElse(Usage.EMPTY)));
                return true;
            });
            return found;
        });
    }

    /** What a bucket holds: the bytes and the number of its stored versions. */
    public Usage bucketUsage(String bucket) {
        return views.read(v -> decode(v.get(Keys.bucketUsage(bucket)), Usage.class)).orElse(Usage.EMPTY);
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

    private static <T> List<T> scan(KeyValueView view, byte[] from, byte[] to, Class<T> type, int limit) {
        List<T> found = new ArrayList<>();
        if (limit <= 0) {
            return found;
        }
        view.scan(from, to, (key, value) -> {
            found.add(RecordCodec.decode(value, type));
            return found.size() < limit;
        });
        return found;
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
