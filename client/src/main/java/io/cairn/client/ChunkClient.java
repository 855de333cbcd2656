package io.cairn.client;

import io.cairn.api.ApiPaths;
import io.cairn.api.ChunkDeleteResult;
import io.cairn.api.ChunkInventory;
import io.cairn.api.CopyDeletion;
import io.cairn.api.NodeAddress;
import io.cairn.api.ReplicateRequest;
import io.cairn.api.ReplicateResult;
import io.cairn.api.VerifyResult;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Calls to storage nodes' chunk API: transfers, and the conditional deletes, verifications and node-to-node copies
 * that manage copies. Stateless over the shared {@link HttpTransport}; thread-safe.
 */
public final class ChunkClient {
    private final HttpTransport http;

    public ChunkClient(HttpTransport http) {
        this.http = http;
    }

    /**
     * Returns once the node has the chunk durably (it fsyncs before it answers), with the generation of its copy.
     * {@code data} must not change until this returns.
     *
     * @param crc the CRC32C of the bytes, which the caller has hashed to {@code id} itself: the node checks the bytes
     *            arrived intact against it instead of hashing them again
     */
    public long put(String nodeUrl, ChunkId id, byte[] data, int length, Crc32c crc) {
        // Sent from the caller's buffer itself: a copy per node would multiply what an upload holds by R + 1.
        ArrayBody body = new ArrayBody(data, 0, length);
        try {
            return put(nodeUrl, id, body, crc);
        } finally {
            // The HTTP client keeps a pooled connection's last request reachable; the buffer must not stay with it.
            body.release();
        }
    }

    /**
     * Like {@link #put(String, ChunkId, byte[], int, Crc32c)}, streaming {@code length} bytes from a stream
     * {@code body} opens, which the node hashes against the id; it may be asked again if the request has to be sent
     * again.
     */
    public long put(String nodeUrl, ChunkId id, long length, Supplier<InputStream> body) {
        // A node needs the length up front (it refuses a chunked body), which a stream publisher only has when told.
        return put(nodeUrl, id, length == 0 ? BodyPublishers.ofByteArray(new byte[0])
                : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(body), length), null);
    }

    private long put(String nodeUrl, ChunkId id, HttpRequest.BodyPublisher body, Crc32c crc) {
        HttpRequest.Builder builder = http.request(chunkUrl(nodeUrl, id))
                .header("Content-Type", "application/octet-stream");
        if (crc != null) {
            builder.header(ApiPaths.CRC32C_HEADER, crc.hex());
        }
        HttpRequest request = builder.PUT(body).build();
        // The body is read (it is small) because a refusal's code travels in it: CHECKSUM_MISMATCH tells the caller
        // its own bytes are bad, INSUFFICIENT_STORAGE that the node is full.
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.headers().firstValueAsLong(ApiPaths.GENERATION_HEADER).orElseThrow(() -> new CairnException(
                ErrorCode.INTERNAL, "node " + nodeUrl + " stored chunk " + id + " without saying its generation"));
    }

    /**
     * Reads the whole chunk as the node has it, unverified by the node, into {@code into} (sized for the chunk the
     * caller expects), and returns how many bytes came, or -1 if the node sent more than fit: the caller must verify
     * what it got against the id.
     */
    public int get(String nodeUrl, ChunkId id, byte[] into) {
        HttpRequest request = http.request(chunkUrl(nodeUrl, id))
                .header(ApiPaths.READER_VERIFIES_HEADER, "true").GET().build();
        // A refusal's body is read as it is, for the error code it carries.
        HttpResponse<Object> response = http.send(request, info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.mapping(new ArraySink(into), n -> n)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), b -> b));
        return (Integer) response.body();
    }

    /** Deletes the node's copy of the chunk if, and only if, it still has {@code generation}. */
    public CopyDeletion deleteIfGeneration(String nodeUrl, ChunkId id, long generation) {
        HttpRequest request = http.request(chunkUrl(nodeUrl, id) + "?generation=" + generation).DELETE().build();
        byte[] body = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        return Json.fromBytes(body, ChunkDeleteResult.class).outcome();
    }

    /** Has the node re-hash its copy (quarantining it if corrupt) and say what it found. */
    public VerifyResult verify(String nodeUrl, ChunkId id) {
        return http.postJson(chunkUrl(nodeUrl, id) + "/verify", Map.of(), VerifyResult.class);
    }

    /**
     * Has the node at {@code sourceUrl} copy its {@code size}-byte copy of the chunk to each target.
     *
     * @throws CairnException CHECKSUM_MISMATCH when the source's own copy turned out corrupt (it has quarantined it):
     *         copy from another node; NOT_FOUND when the source has no copy
     */
    public ReplicateResult replicate(String sourceUrl, ChunkId id, long size, List<NodeAddress> targets) {
        ReplicateRequest body = new ReplicateRequest(size, targets.stream()
                .map(t -> new ReplicateRequest.Target(t.id(), t.url())).toList());
        HttpRequest request = http.request(chunkUrl(sourceUrl, id) + "/replicate")
                // The source puts to every target (in parallel) and may re-hash its copy within this one call.
                .timeout(http.requestTimeout().multipliedBy(2))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(Json.toBytes(body)))
                .build();
        byte[] answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        return Json.fromBytes(answer, ReplicateResult.class);
    }

    /** One page of the node's chunks in id order after {@code after} (null: from the start). */
    public ChunkInventory inventory(String nodeUrl, ChunkId after, int limit) {
        return http.getJson(nodeUrl + ApiPaths.CHUNKS + "?limit=" + limit + (after == null ? "" : "&after=" + after.hex()),
                ChunkInventory.class);
    }

    /** The generation of the node's copy of the chunk, or empty when it has none. */
    public OptionalLong generation(String nodeUrl, ChunkId id) {
        HttpRequest request = http.request(chunkUrl(nodeUrl, id)).method("HEAD", BodyPublishers.noBody()).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return OptionalLong.of(response.headers().firstValueAsLong(ApiPaths.GENERATION_HEADER).orElseThrow(
                    () -> new CairnException(ErrorCode.INTERNAL, "node " + nodeUrl + " did not say the generation of "
                            + id)));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** Whether the node answers its health check within {@code timeout}. */
    public boolean alive(String nodeUrl, Duration timeout) {
        try {
            http.send(http.request(nodeUrl + "/health").timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (CairnException e) {
            return false;
        }
    }

    private static String chunkUrl(String nodeUrl, ChunkId id) {
        return nodeUrl + ApiPaths.CHUNKS + "/" + id.hex();
    }
}
