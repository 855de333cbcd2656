package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.NodeId;
import io.cairn.core.model.QuotaScope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key layout of the metadata store. One leading byte names the record kind; names follow as UTF-8, separated by
 * 0x00, which neither bucket names nor keys may contain, so a bucket's keys (and a key's versions) form one contiguous
 * range in byte order and listing costs O(page):
 *
 * <pre>
 * 'M' name                                  singletons: cluster id, applied index (AppliedIndex), stats
 * 'B' bucket                                BucketRecord
 * 'H' bucket 0x00 key                       ObjectHead
 * 'V' bucket 0x00 key 0x00 version(8, BE)   ObjectVersion  (big-endian, so versions sort numerically)
 * 'C' sha256(32 raw bytes)                  ChunkRecord
 * 'N' node id                               NodeRecord
 * 'R' request id                            RequestRecord  (what a commit with that id created)
 * 'T' at(8, BE) request id                  request id     (the same records by age, oldest first, for pruning)
 * 'U' bucket 0x00 key 0x00 upload id        UploadRecord   (multipart uploads in progress, by key)
 * 'P' upload id 0x00 part(4, BE)            PartRecord     (their parts, in part number order)
 * 'I' user name                             UserRecord
 * 'K' access key id                         AccessKeyRecord (one id space for all users)
 * 'Y' policy name                           PolicyRecord
 * 'J' join token id                         JoinTokenRecord (v2 join tokens not yet used up)
 * 'G' bucket                                String         (the bucket's policy document)
 * 'X' bucket                                String         (the bucket's CORS configuration, S3's XML)
 * 'W' bucket                                String         (the user who created the bucket, if one did)
 * 'A' 'b' bucket | 'u' user                 Quota
 * 'S' bucket                                Usage          (what the bucket holds, kept with every version)
 * 'E' user                                  Usage          (what the buckets the user created hold together)
 * 'L' node id 0x00 sha256                   Long           (copies by node: the copy's incarnation)
 * 'D' node id 0x00 sha256 generation(8, BE) Long           (doomed copies by node, awaiting deletion: generation)
 * 'Z' sha256                                Long           (chunks nothing references: their reference count, 0)
 * 'Q' sha256                                Long           (chunks with fewer copies than wanted: copy count)
 * 'O' sha256                                Long           (chunks with more copies than wanted: copy count)
 * </pre>
 *
 * The last five are indexes derived from the chunk records ({@link Tx#putChunk}), so that work on chunks pages
 * through exactly the chunks concerned. Node ids never contain 0x00 ({@link NodeId}).
 *
 * Request ids are printable ASCII and {@code at} is never negative, so neither needs a separator. Users, access keys
 * and policies are few, so what spans them (a user's keys, the users of a policy) is a scan of their kind, not an
 * index; so are join tokens. Changing any of this is a storage format change.
 */
final class Keys {
    static final byte META = 'M';
    static final byte BUCKET = 'B';
    static final byte HEAD = 'H';
    static final byte VERSION = 'V';
    static final byte CHUNK = 'C';
    static final byte NODE = 'N';
    static final byte REQUEST = 'R';
    static final byte REQUEST_AGE = 'T';
    static final byte UPLOAD = 'U';
    static final byte PART = 'P';
    static final byte USER = 'I';
    static final byte ACCESS_KEY = 'K';
    static final byte POLICY = 'Y';
    static final byte JOIN_TOKEN = 'J';
    static final byte BUCKET_POLICY = 'G';
    static final byte BUCKET_CORS = 'X';
    static final byte BUCKET_USAGE = 'S';
    static final byte USER_USAGE = 'E';
    static final byte BUCKET_OWNER = 'W';
    static final byte QUOTA = 'A';
    static final byte COPY_BY_NODE = 'L';
    static final byte DOOMED_BY_NODE = 'D';
    static final byte UNREFERENCED = 'Z';
    static final byte UNDER_REPLICATED = 'Q';
    static final byte OVER_REPLICATED = 'O';
    private static final byte SEPARATOR = 0;

    static final byte[] CLUSTER_ID = meta("cluster-id");
    static final byte[] APPLIED_INDEX = meta("applied-index");
    static final byte[] STATS = meta("stats");
    /** Present once the chunk indexes have been built from the chunk records (stores from before they existed). */
    static final byte[] CHUNK_INDEXES = meta("chunk-indexes");
    /** Present once bucket usage has been summed from the versions (stores from before it was kept). */
    static final byte[] USAGE_BUILT = meta("usage");

    private Keys() {
    }

    static byte[] bucket(String name) {
        return concat(BUCKET, utf8(name));
    }

    static byte[] head(String bucket, String key) {
        return concat(HEAD, utf8(bucket), new byte[] {SEPARATOR}, utf8(key));
    }

    /** Heads of {@code bucket} whose key starts with {@code keyPrefix} all start with this. */
    static byte[] headPrefix(String bucket, String keyPrefix) {
        return head(bucket, keyPrefix);
    }

    static byte[] version(String bucket, String key, long version) {
        byte[] prefix = versionPrefix(bucket, key);
        return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(version).array();
    }

    /** All versions of exactly this key, and nothing else, start with this. */
    static byte[] versionPrefix(String bucket, String key) {
        return concat(VERSION, utf8(bucket), new byte[] {SEPARATOR}, utf8(key), new byte[] {SEPARATOR});
    }

    static byte[] upload(String bucket, String key, String uploadId) {
        return concat(UPLOAD, utf8(bucket), new byte[] {SEPARATOR}, utf8(key), new byte[] {SEPARATOR}, utf8(uploadId));
    }

    /** Uploads into {@code bucket} whose key starts with {@code keyPrefix} all start with this. */
    static byte[] uploadPrefix(String bucket, String keyPrefix) {
        return concat(UPLOAD, utf8(bucket), new byte[] {SEPARATOR}, utf8(keyPrefix));
    }

    static byte[] part(String uploadId, int number) {
        byte[] prefix = partPrefix(uploadId);
        return ByteBuffer.allocate(prefix.length + Integer.BYTES).put(prefix).putInt(number).array();
    }

    /** All parts of exactly this upload start with this. */
    static byte[] partPrefix(String uploadId) {
        return concat(PART, utf8(uploadId), new byte[] {SEPARATOR});
    }

    static byte[] chunk(ChunkId id) {
        return concat(CHUNK, raw(id));
    }

    static byte[] copyByNode(NodeId node, ChunkId chunk) {
        return concat(COPY_BY_NODE, utf8(node.value()), new byte[] {SEPARATOR}, raw(chunk));
    }

    /** Every copy index entry of {@code node} starts with this. */
    static byte[] copiesOfNode(NodeId node) {
        return concat(COPY_BY_NODE, utf8(node.value()), new byte[] {SEPARATOR});
    }

    static byte[] doomedByNode(NodeId node, ChunkId chunk, long generation) {
        return concat(DOOMED_BY_NODE, utf8(node.value()), new byte[] {SEPARATOR}, raw(chunk),
                ByteBuffer.allocate(Long.BYTES).putLong(generation).array());
    }

    /** Every doomed-copy index entry of {@code node} starts with this. */
    static byte[] doomedOfNode(NodeId node) {
        return concat(DOOMED_BY_NODE, utf8(node.value()), new byte[] {SEPARATOR});
    }

    /** An index entry keyed by the chunk alone ({@link #UNREFERENCED}, {@link #UNDER_REPLICATED}, ...). */
    static byte[] chunkIndex(byte kind, ChunkId chunk) {
        return concat(kind, raw(chunk));
    }

    /** The chunk id at the end of an index key (the 32 bytes after {@code prefixLength}). */
    static ChunkId chunkAt(byte[] key, int prefixLength) {
        return new ChunkId(HexFormat.of().formatHex(key, prefixLength, prefixLength + 32));
    }

    private static byte[] raw(ChunkId chunk) {
        return HexFormat.of().parseHex(chunk.hex());
    }

    static byte[] node(NodeId id) {
        return concat(NODE, utf8(id.value()));
    }

    static byte[] user(String name) {
        return concat(USER, utf8(name));
    }

    static byte[] accessKey(String accessKeyId) {
        return concat(ACCESS_KEY, utf8(accessKeyId));
    }

    static byte[] policy(String name) {
        return concat(POLICY, utf8(name));
    }

    static byte[] joinToken(String id) {
        return concat(JOIN_TOKEN, utf8(id));
    }

    static byte[] bucketPolicy(String bucket) {
        return concat(BUCKET_POLICY, utf8(bucket));
    }

    static byte[] bucketCors(String bucket) {
        return concat(BUCKET_CORS, utf8(bucket));
    }

    static byte[] bucketUsage(String bucket) {
        return concat(BUCKET_USAGE, utf8(bucket));
    }

    static byte[] userUsage(String user) {
        return concat(USER_USAGE, utf8(user));
    }

    static byte[] bucketOwner(String bucket) {
        return concat(BUCKET_OWNER, utf8(bucket));
    }

    static byte[] quota(QuotaScope scope, String name) {
        return concat(QUOTA, new byte[] {(byte) (scope == QuotaScope.BUCKET ? 'b' : 'u')}, utf8(name));
    }

    static byte[] request(String requestId) {
        return concat(REQUEST, utf8(requestId));
    }

    static byte[] requestByAge(long at, String requestId) {
        return concat(REQUEST_AGE, ByteBuffer.allocate(Long.BYTES).putLong(at).array(), utf8(requestId));
    }

    /** The exclusive end of the requests recorded before {@code at}. */
    static byte[] requestsBefore(long at) {
        return concat(REQUEST_AGE, ByteBuffer.allocate(Long.BYTES).putLong(at).array());
    }

    static byte[] kind(byte kind) {
        return new byte[] {kind};
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}: the exclusive end of a prefix range.
     * Never called with an all-0xFF prefix: every prefix here starts with a kind letter.
     */
    static byte[] prefixEnd(byte[] prefix) {
        int last = prefix.length - 1;
        while (prefix[last] == (byte) 0xFF) {
            last--;
        }
        byte[] end = Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }

    /** The smallest key greater than {@code key}. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /**
     * The one rule of stored keys ({@link Names#storedKey}), which is also what the layout needs: non-empty, at most
     * {@link Names#MAX_KEY_BYTES} bytes, no NUL (the separator) and well-formed UTF-16 (a lone surrogate would encode
     * as '?' and alias another key).
     */
    static String requireStorable(String key) {
        return Names.storedKey(key);
    }


    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] meta(String name) {
        return concat(META, utf8(name));
    }

    private static byte[] concat(byte kind, byte[]... parts) {
        int length = 1;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).put(kind);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
