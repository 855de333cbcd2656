package io.cairn.node;

import io.cairn.api.ApiPaths;
import io.cairn.api.ChunkDeleteResult;
import io.cairn.api.ChunkInfo;
import io.cairn.api.ChunkInventory;
import io.cairn.api.CopyDeletion;
import io.cairn.api.ReplicateRequest;
import io.cairn.api.VerifyResult;
import io.cairn.chunk.ChunkCheck;
import io.cairn.chunk.ChunkStore;
import io.cairn.chunk.DeleteOutcome;
import io.cairn.chunk.PayloadCheck;
import io.cairn.chunk.StoredChunk;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.http.ByteRange;
import io.cairn.http.Access;
import io.cairn.http.Exchange;
import io.cairn.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's chunk API over a {@link ChunkStore}:
 * <ul>
 *   <li>{@code PUT /chunks/{id}}: body = the bytes, with {@code Content-Length}; 201 {@code {"id","size","generation"}}
 *   and {@code X-Cairn-Generation} once the chunk is durable; 400 CHECKSUM_MISMATCH (nothing stored) when the bytes
 *   do not hash to the id, or do not match the {@code X-Cairn-Crc32c} a writer that hashed them sent; 507
 *   INSUFFICIENT_STORAGE (nothing read) when they would eat into the free space reserve</li>
 *   <li>{@code GET /chunks/{id}}: the bytes; one {@code Range} → 206 with {@code Content-Range}, 416 when
 *   unsatisfiable</li>
 *   <li>{@code HEAD /chunks/{id}}: {@code Content-Length} only</li>
 *   <li>{@code DELETE /chunks/{id}?generation=G}: 200 {@link ChunkDeleteResult}; only a copy of generation G is
 *   removed</li>
 *   <li>{@code POST /chunks/{id}/verify}: re-hashes the copy, quarantines it if corrupt; 200 {@link VerifyResult}</li>
 *   <li>{@code POST /chunks/{id}/replicate}: body {@link ReplicateRequest}; sends the copy to each target; 200
 *   {@link io.cairn.api.ReplicateResult}, or CHECKSUM_MISMATCH when this copy turned out corrupt (see
 *   {@link ChunkReplicator})</li>
 *   <li>{@code GET /chunks?after=&limit=}: a {@link ChunkInventory} page in id order</li>
 *   <li>{@code GET /info}: a {@link NodeInfo}</li>
 * </ul>
 * HEAD and GET send the copy's generation in {@code X-Cairn-Generation} too. Errors are {@link CairnException}s,
 * turned into JSON by the server's {@code ApiHandler}. Stateless beyond its collaborators; routes run concurrently on
 * request threads.
 */
public final class ChunkRoutes {
    public static final int DEFAULT_LIST_LIMIT = 1000;
    public static final int MAX_LIST_LIMIT = 10_000;
    /**
     * What a read streams a chunk through: every write of it to the client is a pass through Jetty and the JDK, a
     * quarter as many as at 64 KiB for a 4 MiB chunk.
     */
    private static final int BUFFER_SIZE = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ChunkRoutes.class);

    private final NodeId nodeId;
    private final ChunkStore store;
    /** Stores and finds copies as an in-process gateway's calls do: one code path for both. */
    private final LocalChunkAccess copies;
    private final NodeMetrics metrics;
    private final ChunkReplicator replicator;
    private final Supplier<NodeInfo> info;

    /** The body of a successful {@code PUT /chunks/{id}}. */
    public record PutResult(String id, long size, long generation) {
    }

    ChunkRoutes(NodeId nodeId, ChunkStore store, LocalChunkAccess copies, NodeMetrics metrics,
                ChunkReplicator replicator, Supplier<NodeInfo> info) {
        this.nodeId = nodeId;
        this.store = store;
        this.copies = copies;
        this.metrics = metrics;
        this.replicator = replicator;
        this.info = info;
    }

    public Router install(Router router) {
        String prefix = ApiPaths.CHUNKS + "/";
        router.prefix(Access.CLUSTER, "PUT", prefix, this::put);
        router.prefix(Access.CLUSTER, "GET", prefix, this::get);
        router.prefix(Access.CLUSTER, "HEAD", prefix, this::head);
        router.prefix(Access.CLUSTER, "DELETE", prefix, this::delete);
        router.prefix(Access.CLUSTER, "POST", prefix, this::post);
        router.exact(Access.CLUSTER, "GET", ApiPaths.CHUNKS, this::inventory);
        router.exact(Access.CLUSTER, "GET", "/info", ex -> ex.sendJson(200, info.get()));
        return router;
    }

    private void put(Exchange ex) throws IOException {
        ChunkId id = new ChunkId(ex.pathRest());
        long length = ex.contentLength();
        if (length < 0) {
            // The store must know the length up front to refuse a short body; chunked uploads cannot say it.
            throw CairnException.badRequest("Content-Length required");
        }
        String crc = ex.header(ApiPaths.CRC32C_HEADER);
        StoredChunk stored = copies.store(id, ex.body(), length,
                crc == null ? PayloadCheck.CONTENT_HASH : new PayloadCheck.SentCrc32c(Crc32c.parse(crc)));
        ex.setHeader(ApiPaths.GENERATION_HEADER, Long.toString(stored.generation()));
        ex.sendJson(201, new PutResult(stored.id().hex(), stored.size(), stored.generation()));
    }

    private void get(Exchange ex) throws IOException {
        ChunkId id = new ChunkId(ex.pathRest());
        metrics.requestStarted();
        try {
            StoredChunk chunk = copies.stat(id);
            long size = chunk.size();
            Optional<ByteRange> range;
            try {
                range = ByteRange.parse(ex.header("Range"), size);
            } catch (CairnException e) {
                ex.setHeader("Content-Range", "bytes */" + size);
                throw e;
            }
            long offset = range.map(ByteRange::start).orElse(0L);
            long length = range.map(ByteRange::length).orElse(size);
            try (InputStream in = store.open(id, offset, length)) {
                ex.status(range.isPresent() ? 206 : 200);
                chunkHeaders(ex, chunk, length);
                range.ifPresent(r -> ex.setHeader("Content-Range", r.contentRange(size)));
                if (range.isPresent() || "true".equals(ex.header(ApiPaths.READER_VERIFIES_HEADER))) {
                    copy(in, ex.output(), length);
                } else {
                    copyVerified(id, in, ex.output(), length);
                }
            }
        } finally {
            metrics.requestFinished();
        }
    }

    /**
     * Streams bytes as they are on disk: for a range, which cannot be checked without reading the whole chunk, and
     * for a reader that verifies what it gets itself.
     */
    private void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER_SIZE, length))];
        long remaining = length;
        try {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("chunk file ended " + remaining + " bytes early");
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        } finally {
            metrics.chunkRead(length - remaining);
        }
    }

    /**
     * Streams a whole chunk while hashing it and holds its last block back until the hash matched, so a node never
     * serves a complete copy of a corrupt chunk: a small chunk gets an error response, a large one an aborted
     * transfer that the reader sees as truncated (and then tries another replica).
     */
    private void copyVerified(ChunkId id, InputStream in, OutputStream out, long length) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER_SIZE, length))];
        long remaining = length;
        try {
            do {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n == 0 && remaining > 0) {
                    throw new IOException("chunk file ended " + remaining + " bytes early");
                }
                digest.update(buffer, 0, n);
                remaining -= n;
                if (remaining == 0 && !ChunkId.ofDigest(digest.digest()).equals(id)) {
                    metrics.corruptRead();
                    LOG.error("chunk {} is corrupt on this node: its bytes no longer hash to its id; not served", id);
                    throw new CairnException(ErrorCode.INTERNAL, "chunk " + id.hex() + " is corrupt on this node");
                }
                out.write(buffer, 0, n);
            } while (remaining > 0);
        } finally {
            metrics.chunkRead(length - remaining);
        }
    }

    private void head(Exchange ex) throws IOException {
        StoredChunk chunk = copies.stat(new ChunkId(ex.pathRest()));
        ex.status(200);
        chunkHeaders(ex, chunk, chunk.size());
    }

    private static void chunkHeaders(Exchange ex, StoredChunk chunk, long contentLength) {
        ex.setHeader("Content-Type", "application/octet-stream");
        ex.setHeader("Accept-Ranges", "bytes");
        // Content-addressed: the id is a strong validator for ever.
        ex.setHeader("ETag", "\"" + chunk.id().hex() + "\"");
        ex.setHeader(ApiPaths.GENERATION_HEADER, Long.toString(chunk.generation()));
        ex.contentLength(contentLength);
    }

    private void delete(Exchange ex) throws IOException {
        ChunkId id = new ChunkId(ex.pathRest());
        String generation = ex.query("generation");
        if (generation == null || generation.isEmpty()) {
            throw CairnException.invalidArgument("a chunk delete names the generation of the copy it removes "
                    + "(?generation=): a newer copy must never be removed by an older decision");
        }
        DeleteOutcome outcome = store.delete(id, ex.queryLong("generation", 0));
        ex.sendJson(200, new ChunkDeleteResult(switch (outcome) {
            case DELETED -> CopyDeletion.DELETED;
            case ABSENT -> CopyDeletion.ABSENT;
            case CHANGED -> CopyDeletion.CHANGED;
        }));
    }

    /** {@code POST /chunks/{id}/verify} and {@code POST /chunks/{id}/replicate}. */
    private void post(Exchange ex) throws IOException {
        String rest = ex.pathRest();
        int slash = rest.indexOf('/');
        String operation = slash < 0 ? "" : rest.substring(slash + 1);
        if (!operation.equals("verify") && !operation.equals("replicate")) {
            throw CairnException.notFound("no such chunk operation: POST " + ex.path());
        }
        ChunkId id = new ChunkId(rest.substring(0, slash));
        metrics.requestStarted();
        try {
            if (operation.equals("verify")) {
                verify(ex, id);
            } else {
                replicate(ex, id);
            }
        } finally {
            metrics.requestFinished();
        }
    }

    private void verify(Exchange ex, ChunkId id) throws IOException {
        ChunkCheck check = store.verify(id);
        VerifyResult.State state = switch (check.result()) {
            case OK -> VerifyResult.State.OK;
            case MISSING -> VerifyResult.State.ABSENT;
            case CORRUPT -> {
                // Moved aside at once: a copy known to be corrupt must not be served or copied from again.
                store.quarantine(id, check.generation());
                yield VerifyResult.State.CORRUPT;
            }
        };
        ex.sendJson(200, new VerifyResult(state, check.generation()));
    }

    private void replicate(Exchange ex, ChunkId id) throws IOException {
        ReplicateRequest request = ex.readJson(ReplicateRequest.class);
        if (request.size() < 0) {
            throw CairnException.invalidArgument("size must not be negative, got " + request.size());
        }
        for (ReplicateRequest.Target target : request.targets()) {
            if (target == null || target.node_id() == null || target.url() == null
                    || !target.url().matches("https?://[^/?#]+")) {
                throw CairnException.invalidArgument("every target needs a node_id and the http(s) URL of its chunk "
                        + "API (scheme, host and port), got " + target);
            }
        }
        ex.sendJson(200, replicator.replicate(id, request));
    }

    private void inventory(Exchange ex) throws IOException {
        String afterParam = ex.query("after");
        ChunkId after = afterParam == null || afterParam.isEmpty() ? null : new ChunkId(afterParam);
        long limit = ex.queryLong("limit", DEFAULT_LIST_LIMIT);
        if (limit < 1) {
            throw CairnException.invalidArgument("limit must be at least 1, got " + limit);
        }
        int pageSize = (int) Math.min(limit, MAX_LIST_LIMIT);
        List<StoredChunk> page = store.list(after, pageSize);
        String next = page.size() == pageSize ? page.getLast().id().hex() : null;
        long now = System.currentTimeMillis();
        // A generation is a time in nanoseconds; one ahead of the clock (a clock set back) is as young as can be.
        ex.sendJson(200, new ChunkInventory(nodeId.value(), page.stream().map(c -> new ChunkInfo(c.id().hex(),
                c.size(), c.generation(), Math.max(0, now - c.generation() / 1_000_000))).toList(), next));
    }
}
