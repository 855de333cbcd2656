package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Usage;
import io.cairn.core.model.Copy;
import io.cairn.core.model.JoinTokenRecord;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.UserRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The effects of one command while it is being applied: typed reads of the store overlaid with this command's own
 * writes (so a chunk referenced twice in one file sees its first update), typed writes that keep {@link ClusterStats}
 * in step, and finally one atomic change set. Point reads see earlier writes of the same command; the
 * {@code stored...} scans see the state before the command, so handlers scan before they write.
 *
 * <p>Owned by the apply thread for the duration of one command; not thread-safe.
 */
final class Tx {
    private static final Object DELETED = new Object();

    private final KeyValueView base;
    private final TreeMap<byte[], Object> writes = new TreeMap<>(Arrays::compareUnsigned);
    private long objects;
    private long versions;
    private long logicalBytes;
    private long chunks;
    private long chunkBytes;
    private long storedBytes;
    private long unreferencedBytes;
    private long doomedBytes;
    private long reclaimedBytes;
    /** Per bucket, what this command's versions added to what it holds: bytes, then versions. */
    private final Map<String, long[]> usageDeltas = new TreeMap<>();

    Tx(KeyValueView base) {
        this.base = base;
    }

    // ---- reads ----

    String clusterId() {
        return get(Keys.CLUSTER_ID, String.class);
    }

    BucketRecord bucket(String name) {
        return get(Keys.bucket(name), BucketRecord.class);
    }

    BucketRecord requireBucket(String name) {
        BucketRecord bucket = bucket(name);
        if (bucket == null) {
            throw new CairnException(ErrorCode.NO_SUCH_BUCKET, "bucket '" + name + "' does not exist");
        }
        return bucket;
    }

    ObjectHead head(String bucket, String key) {
        return get(Keys.head(bucket, key), ObjectHead.class);
    }

    ObjectHead requireHead(String bucket, String key) {
        ObjectHead head = head(bucket, key);
        if (head == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "file '" + key + "' not found in bucket '" + bucket + "'");
        }
        return head;
    }

    ObjectVersion version(String bucket, String key, long version) {
        return get(Keys.version(bucket, key, version), ObjectVersion.class);
    }

    ChunkRecord chunk(ChunkId id) {
        return get(Keys.chunk(id), ChunkRecord.class);
    }

    NodeRecord node(NodeId id) {
        return get(Keys.node(id), NodeRecord.class);
    }

    /** Whether the copy is on its node's current store: the only copies that count. */
    boolean counts(Copy copy) {
        NodeRecord node = node(copy.node());
        return node != null && node.holds(copy);
    }

    /** Whether, before this command, any chunk recorded a copy on the node's current store. */
    boolean storedHasCurrentCopiesOn(NodeRecord node) {
        byte[] prefix = Keys.copiesOfNode(node.id());
        boolean[] found = {false};
        base.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
            found[0] = RecordCodec.decode(v, Long.class) == node.incarnation();
            return !found[0];
        });
        return found[0];
    }

    /** Whether the bucket held any object before this command. */
    boolean storedBucketHasObjects(String bucket) {
        byte[] prefix = Keys.headPrefix(bucket, "");
        boolean[] found = {false};
        base.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /** The key's versions before this command, ascending. */
    List<ObjectVersion> storedVersions(String bucket, String key) {
        byte[] prefix = Keys.versionPrefix(bucket, key);
        List<ObjectVersion> found = new ArrayList<>();
        base.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
            found.add(RecordCodec.decode(v, ObjectVersion.class));
            return true;
        });
        return found;
    }

    /** The newest version below {@code version} before this command, or null. */
    ObjectVersion storedVersionBelow(String bucket, String key, long version) {
        KeyValueView.Entry entry = base.last(Keys.versionPrefix(bucket, key), Keys.version(bucket, key, version));
        return entry == null ? null : RecordCodec.decode(entry.value(), ObjectVersion.class);
    }

    UploadRecord upload(String bucket, String key, String uploadId) {
        return get(Keys.upload(bucket, key, uploadId), UploadRecord.class);
    }

    UploadRecord requireUpload(String bucket, String key, String uploadId) {
        UploadRecord upload = upload(bucket, key, uploadId);
        if (upload == null) {
            throw new CairnException(ErrorCode.NO_SUCH_UPLOAD, "no multipart upload '" + uploadId + "' of '" + key
                    + "' in bucket '" + bucket + "'");
        }
        return upload;
    }

    PartRecord part(String uploadId, int number) {
        return get(Keys.part(uploadId, number), PartRecord.class);
    }

    /** The upload's parts before this command, by number. */
    List<PartRecord> storedParts(String uploadId) {
        byte[] prefix = Keys.partPrefix(uploadId);
        List<PartRecord> found = new ArrayList<>();
        base.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
            found.add(RecordCodec.decode(v, PartRecord.class));
            return true;
        });
        return found;
    }

    RequestRecord request(String requestId) {
        return get(Keys.request(requestId), RequestRecord.class);
    }

    /** Up to {@code limit} request records made before {@code at}, oldest first, as stored before this command. */
    List<RequestRecord> storedRequestsBefore(long at, int limit) {
        List<byte[]> keys = new ArrayList<>();
        base.scan(Keys.kind(Keys.REQUEST_AGE), Keys.requestsBefore(at), (k, v) -> {
            keys.add(Keys.request(RecordCodec.decode(v, String.class)));
            return keys.size() < limit;
        });
        return base.multiGet(keys).stream().map(v -> RecordCodec.decode(v, RequestRecord.class)).toList();
    }

    UserRecord user(String name) {
        return get(Keys.user(name), UserRecord.class);
    }

    UserRecord requireUser(String name) {
        UserRecord user = user(name);
        if (user == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no user '" + name + "'");
        }
        return user;
    }

    /** Every user before this command, by name. */
    List<UserRecord> storedUsers() {
        return storedAll(Keys.USER, UserRecord.class);
    }

    AccessKeyRecord accessKey(String accessKeyId) {
        return get(Keys.accessKey(accessKeyId), AccessKeyRecord.class);
    }

    AccessKeyRecord requireAccessKey(String accessKeyId) {
        AccessKeyRecord key = accessKey(accessKeyId);
        if (key == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no access key '" + accessKeyId + "'");
        }
        return key;
    }

    /** Every access key before this command, by id. */
    List<AccessKeyRecord> storedAccessKeys() {
        return storedAll(Keys.ACCESS_KEY, AccessKeyRecord.class);
    }

    PolicyRecord policy(String name) {
        return get(Keys.policy(name), PolicyRecord.class);
    }

    JoinTokenRecord joinToken(String id) {
        return get(Keys.joinToken(id), JoinTokenRecord.class);
    }

    /** Every join token before this command, by id. */
    List<JoinTokenRecord> storedJoinTokens() {
        return storedAll(Keys.JOIN_TOKEN, JoinTokenRecord.class);
    }

    String bucketPolicy(String bucket) {
        return get(Keys.bucketPolicy(bucket), String.class);
    }

    String bucketCors(String bucket) {
        return get(Keys.bucketCors(bucket), String.class);
    }

    private <T> List<T> storedAll(byte kind, Class<T> type) {
        byte[] prefix = Keys.kind(kind);
        List<T> found = new ArrayList<>();
        base.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
            found.add(RecordCodec.decode(v, type));
            return true;
        });
        return found;
    }

    // ---- writes ----

    void putClusterId(String clusterId) {
        writes.put(Keys.CLUSTER_ID, clusterId);
    }

    void putIndexesBuilt() {
        writes.put(Keys.CHUNK_INDEXES, 1L);
    }

    void putBucket(BucketRecord bucket) {
        writes.put(Keys.bucket(bucket.name()), bucket);
    }

    void deleteBucket(String name) {
        writes.put(Keys.bucket(name), DELETED);
    }

    void putNode(NodeRecord node) {
        writes.put(Keys.node(node.id()), node);
    }

    /** @param previous the head being replaced, or null for a new key */
    void putHead(ObjectHead previous, ObjectHead head) {
        if (previous == null) {
            objects++;
        }
        writes.put(Keys.head(head.bucket(), head.key()), head);
    }

    void deleteHead(ObjectHead head) {
        objects--;
        writes.put(Keys.head(head.bucket(), head.key()), DELETED);
    }

    void addVersion(ObjectVersion version) {
        versions++;
        logicalBytes += version.size();
        countUsage(version, 1);
        writes.put(Keys.version(version.bucket(), version.key(), version.version()), version);
    }

    /** Rewrites a version whose content (and so size) is unchanged. */
    void replaceVersion(ObjectVersion version) {
        writes.put(Keys.version(version.bucket(), version.key(), version.version()), version);
    }

    void deleteVersion(ObjectVersion version) {
        versions--;
        logicalBytes -= version.size();
        countUsage(version, -1);
        writes.put(Keys.version(version.bucket(), version.key(), version.version()), DELETED);
    }

    /**
     * Writes a chunk record and keeps its indexes ({@link Keys}: copies and doomed copies by node, unreferenced,
     * under- and over-replicated chunks) and the stats in step with it.
     *
     * @param previous the record being replaced, or null for a new chunk
     */
    void putChunk(ChunkRecord previous, ChunkRecord chunk) {
        if (previous == null) {
            chunks++;
            chunkBytes += chunk.size();
        }
        account(previous, -1);
        account(chunk, 1);
        reindex(previous, chunk);
        writes.put(Keys.chunk(chunk.id()), chunk);
    }

    /** Forgets a chunk for good: nothing references it, no copy is recorded and none awaits deletion. */
    void deleteChunk(ChunkRecord previous) {
        chunks--;
        chunkBytes -= previous.size();
        account(previous, -1);
        reindex(previous, null);
        writes.put(Keys.chunk(previous.id()), DELETED);
    }

    /** Counts {@code bytes} of confirmed deletions in the stats. */
    void reclaimed(long bytes) {
        reclaimedBytes += bytes;
    }

    private void account(ChunkRecord chunk, int sign) {
        if (chunk == null) {
            return;
        }
        storedBytes += sign * (long) chunk.size() * chunk.copies().size();
        doomedBytes += sign * (long) chunk.size() * chunk.doomed().size();
        if (chunk.refCount() == 0 && !chunk.copies().isEmpty()) {
            unreferencedBytes += sign * (long) chunk.size();
        }
    }

    private void reindex(ChunkRecord before, ChunkRecord after) {
        Map<byte[], Object> was = indexEntries(before);
        Map<byte[], Object> now = indexEntries(after);
        for (byte[] key : was.keySet()) {
            if (!now.containsKey(key)) {
                writes.put(key, DELETED);
            }
        }
        for (Map.Entry<byte[], Object> entry : now.entrySet()) {
            if (!entry.getValue().equals(was.get(entry.getKey()))) {
                writes.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** The index entries a chunk record implies, by key. */
    static Map<byte[], Object> indexEntries(ChunkRecord chunk) {
        TreeMap<byte[], Object> entries = new TreeMap<>(Arrays::compareUnsigned);
        if (chunk == null) {
            return entries;
        }
        for (Copy copy : chunk.copies()) {
            entries.put(Keys.copyByNode(copy.node(), chunk.id()), copy.incarnation());
        }
        for (Copy copy : chunk.doomed()) {
            entries.put(Keys.doomedByNode(copy.node(), chunk.id(), copy.generation()), copy.generation());
        }
        long copies = chunk.copies().size();
        if (chunk.refCount() == 0) {
            entries.put(Keys.chunkIndex(Keys.UNREFERENCED, chunk.id()), 0L);
        } else if (copies < chunk.replication()) {
            entries.put(Keys.chunkIndex(Keys.UNDER_REPLICATED, chunk.id()), copies);
        }
        if (copies > chunk.replication()) {
            entries.put(Keys.chunkIndex(Keys.OVER_REPLICATED, chunk.id()), copies);
        }
        return entries;
    }

    void putUpload(UploadRecord upload) {
        writes.put(Keys.upload(upload.bucket(), upload.key(), upload.uploadId()), upload);
    }

    void deleteUpload(UploadRecord upload) {
        writes.put(Keys.upload(upload.bucket(), upload.key(), upload.uploadId()), DELETED);
    }

    void putPart(PartRecord part) {
        writes.put(Keys.part(part.uploadId(), part.number()), part);
    }

    void deletePart(PartRecord part) {
        writes.put(Keys.part(part.uploadId(), part.number()), DELETED);
    }

    void putRequest(RequestRecord request) {
        writes.put(Keys.request(request.requestId()), request);
        writes.put(Keys.requestByAge(request.at(), request.requestId()), request.requestId());
    }

    void deleteRequest(RequestRecord request) {
        writes.put(Keys.request(request.requestId()), DELETED);
        writes.put(Keys.requestByAge(request.at(), request.requestId()), DELETED);
    }

    void putUser(UserRecord user) {
        writes.put(Keys.user(user.name()), user);
    }

    void deleteUser(String name) {
        writes.put(Keys.user(name), DELETED);
    }

    void putAccessKey(AccessKeyRecord key) {
        writes.put(Keys.accessKey(key.accessKeyId()), key);
    }

    void deleteAccessKey(String accessKeyId) {
        writes.put(Keys.accessKey(accessKeyId), DELETED);
    }

    void putJoinToken(JoinTokenRecord token) {
        writes.put(Keys.joinToken(token.id()), token);
    }

    void deleteJoinToken(String id) {
        writes.put(Keys.joinToken(id), DELETED);
    }

    void putPolicy(PolicyRecord policy) {
        writes.put(Keys.policy(policy.name()), policy);
    }

    void deletePolicy(String name) {
        writes.put(Keys.policy(name), DELETED);
    }

    void putBucketPolicy(String bucket, String document) {
        writes.put(Keys.bucketPolicy(bucket), document);
    }

    void deleteBucketPolicy(String bucket) {
        writes.put(Keys.bucketPolicy(bucket), DELETED);
    }

    /** @param document null deletes it */
    void setBucketCors(String bucket, String document) {
        writes.put(Keys.bucketCors(bucket), document == null ? DELETED : document);
    }

    private void countUsage(ObjectVersion version, int sign) {
        if (!version.deleteMarker()) {
            long[] delta = usageDeltas.computeIfAbsent(version.bucket(), b -> new long[2]);
            delta[0] += sign * version.size();
            delta[1] += sign;
        }
    }

    /** What the bucket holds with this command's changes so far. */
    Usage bucketUsage(String bucket) {
        long[] delta = usageDeltas.getOrDefault(bucket, new long[2]);
        return storedUsage(Keys.bucketUsage(bucket)).plus(delta[0], delta[1]);
    }

    /** What the buckets {@code user} created hold together, with this command's changes so far. */
    Usage userUsage(String user) {
        Usage usage = storedUsage(Keys.userUsage(user));
        for (Map.Entry<String, long[]> delta : usageDeltas.entrySet()) {
            if (user.equals(bucketOwner(delta.getKey()))) {
                usage = usage.plus(delta.getValue()[0], delta.getValue()[1]);
            }
        }
        return usage;
    }

    /** How this command changed what the bucket holds: bytes, then versions. */
    long[] usageDelta(String bucket) {
        return usageDeltas.getOrDefault(bucket, new long[2]).clone();
    }

    private Usage storedUsage(byte[] key) {
        byte[] raw = base.get(key);
        return raw == null ? Usage.EMPTY : RecordCodec.decode(raw, Usage.class);
    }

    /** The user who created the bucket, or null (created before owners were kept, or by the root user). */
    String bucketOwner(String bucket) {
        return get(Keys.bucketOwner(bucket), String.class);
    }

    void putBucketOwner(String bucket, String owner) {
        writes.put(Keys.bucketOwner(bucket), owner);
    }

    Quota quota(QuotaScope scope, String name) {
        return get(Keys.quota(scope, name), Quota.class);
    }

    void putQuota(QuotaScope scope, String name, Quota quota) {
        writes.put(Keys.quota(scope, name), quota.unlimited() ? DELETED : quota);
    }

    /** Forgets a deleted bucket's owner, quota and (empty) usage, so a new bucket of that name starts afresh. */
    void forgetBucketAccounts(String bucket) {
        writes.put(Keys.bucketOwner(bucket), DELETED);
        writes.put(Keys.quota(QuotaScope.BUCKET, bucket), DELETED);
        writes.put(Keys.bucketUsage(bucket), DELETED);
    }

    void putUsageBuilt() {
        writes.put(Keys.USAGE_BUILT, 1L);
    }

    /** Everything this command wrote, encoded, with the stats and {@code applied} alongside. */
    NavigableMap<byte[], byte[]> changes(AppliedIndex applied) {
        TreeMap<byte[], byte[]> changes = new TreeMap<>(Arrays::compareUnsigned);
        for (Map.Entry<byte[], Object> write : writes.entrySet()) {
            Object value = write.getValue();
            changes.put(write.getKey(), value == DELETED ? null : RecordCodec.encode(value));
        }
        if ((objects | versions | logicalBytes | chunks | chunkBytes | storedBytes | unreferencedBytes | doomedBytes
                | reclaimedBytes) != 0) {
            byte[] raw = base.get(Keys.STATS);
            ClusterStats s = raw == null ? ClusterStats.EMPTY : RecordCodec.decode(raw, ClusterStats.class);
            changes.put(Keys.STATS, RecordCodec.encode(new ClusterStats(s.objects() + objects,
                    s.versions() + versions, s.logicalBytes() + logicalBytes, s.chunks() + chunks,
                    s.chunkBytes() + chunkBytes, s.storedBytes() + storedBytes,
                    s.unreferencedBytes() + unreferencedBytes, s.doomedBytes() + doomedBytes,
                    s.reclaimedBytes() + reclaimedBytes)));
        }
        for (Map.Entry<String, long[]> delta : usageDeltas.entrySet()) {
            long[] d = delta.getValue();
            if (d[0] == 0 && d[1] == 0) {
                continue;
            }
            String bucket = delta.getKey();
            changes.put(Keys.bucketUsage(bucket), RecordCodec.encode(storedUsage(Keys.bucketUsage(bucket))
                    .plus(d[0], d[1])));
            String owner = bucketOwner(bucket);
            if (owner != null) {
                byte[] key = Keys.userUsage(owner);
                byte[] pending = changes.get(key);
                Usage usage = pending != null ? RecordCodec.decode(pending, Usage.class) : storedUsage(key);
                changes.put(key, RecordCodec.encode(usage.plus(d[0], d[1])));
            }
        }
        changes.put(Keys.APPLIED_INDEX, RecordCodec.encode(applied));
        return changes;
    }

    private <T> T get(byte[] key, Class<T> type) {
        Object written = writes.get(key);
        if (written == DELETED) {
            return null;
        }
        if (written != null) {
            return type.cast(written);
        }
        byte[] raw = base.get(key);
        return raw == null ? null : RecordCodec.decode(raw, type);
    }
}
