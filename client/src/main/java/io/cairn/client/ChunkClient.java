package io.cairn.client;

import io.cairn.api.ApiPaths;
import io.cairn.core.ChunkId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Chunk transfers to and from storage nodes. Stateless over the shared {@link HttpTransport}; thread-safe. */
public final class ChunkClient {
    private final HttpTransport http;

    public ChunkClient(HttpTransport http) {
        this.http = http;
    }

    /** Returns once the node has the chunk durably (it fsyncs before it answers). */
    public void put(String nodeUrl, ChunkId id, byte[] data, int length) {
        HttpRequest request = http.request(nodeUrl + ApiPaths.CHUNKS + "/" + id.hex())
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data, 0, length))
                .build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    /** The whole chunk as the node has it, unverified by the node: the caller must verify it against the id. */
    public byte[] get(String nodeUrl, ChunkId id) {
        HttpRequest request = http.request(nodeUrl + ApiPaths.CHUNKS + "/" + id.hex())
                .header(ApiPaths.READER_VERIFIES_HEADER, "true").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Whether the node answers its health check within {@code timeout}. */
    public boolean alive(String nodeUrl, java.time.Duration timeout) {
        try {
            http.send(http.request(nodeUrl + "/health").timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (io.cairn.core.CairnException e) {
            return false;
        }
    }

    public void delete(String nodeUrl, ChunkId id) {
        HttpRequest request = http.request(nodeUrl + ApiPaths.CHUNKS + "/" + id.hex()).DELETE().build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
