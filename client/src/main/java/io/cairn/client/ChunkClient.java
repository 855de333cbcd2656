package io.cairn.client;

import io.cairn.api.ApiPaths;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Reads the whole chunk as the node has it, unverified by the node, into {@code into} (sized for the chunk the
     * caller expects), and returns how many bytes came, or -1 if the node sent more than fit: the caller must verify
     * what it got against the id.
     */
    public int get(String nodeUrl, ChunkId id, byte[] into) {
        HttpRequest request = http.request(nodeUrl + ApiPaths.CHUNKS + "/" + id.hex())
                .header(ApiPaths.READER_VERIFIES_HEADER, "true").GET().build();
        try (InputStream body = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
            int n = body.readNBytes(into, 0, into.length);
            return body.read() < 0 ? n : -1;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "reading chunk " + id + " from " + nodeUrl + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the node answers its health check within {@code timeout}. */
    public boolean alive(String nodeUrl, java.time.Duration timeout) {
        try {
            http.send(http.request(nodeUrl + "/health").timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (CairnException e) {
            return false;
        }
    }
}
