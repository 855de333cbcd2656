package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.app.config.ClusterSettings;
import io.cairn.chunk.ChunkStore;
import io.cairn.chunk.DeleteOutcome;
import io.cairn.chunk.StoredChunk;
import io.cairn.controller.KeeperSettings;
import io.cairn.core.ChunkId;
import io.cairn.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Issue 11, defect 3: a download whose range needs a chunk with no live copy is refused (503 with Retry-After) before
 * its status line, on both APIs, while a range that avoids that chunk is still served; a download that fails after
 * its first byte is cut off, so no client takes a short body for the file.
 *
 * <p>The layout is built, not hoped for (placement is a random draw): four nodes, R=2, chunks of 64 KiB.
 * With nodes 3 and 4 stopped, "head" (two chunks) can only go to nodes 1 and 2; with nodes 1 and 2 stopped, "tail"
 * (one chunk) only to nodes 3 and 4. With all four back, "whole" = head + tail is cut into the same three chunks, all
 * already stored twice on live nodes, so dedup sends none of them: its chunks 1 and 2 are on nodes 1 and 2, its chunk
 * 3 on nodes 3 and 4 (the test checks this). Then nodes 3 and 4 stop, and the test waits until the controller marks
 * them unhealthy. The keeper neither repairs (after ten minutes only) nor balances, so the layout stays as built.
 */
class DownloadAvailabilityIT {
    static final int CHUNK = 64 * 1024;
    static final String AUTH = Http.basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET);

    @TempDir
    Path dir;
    LocalCluster cluster;
    Http http;
    /** The nodes' ids, by index. */
    final List<String> ids = new ArrayList<>();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDownloadThatNeedsAChunkWithNoLiveCopyIsRefusedBeforeItsStatusLineAndOneThatFailsLaterIsCutOff()
            throws Exception {
        ClusterSettings settings = TestClusters.withChunkSize(TestClusters.settings(), CHUNK)
                .withKeeper(new KeeperSettings(Duration.ofMinutes(10), Duration.ofMinutes(1), 0, 4,
                        Duration.ofMillis(500), 0.10, false, Duration.ofMinutes(10)));
        cluster = LocalCluster.start(dir, "127.0.0.1", 0, 4, 0, settings);
        http = new Http(cluster.url());
        byte[] head = Data.random(2 * CHUNK, 31);
        byte[] tail = Data.random(CHUNK, 32);
        byte[] whole = concat(head, tail);
        for (int i = 0; i < 4; i++) {
            ids.add(cluster.node(i).nodeId().value());
        }

        stopNodes(2, 3);
        assertThat(http.put(Http.file("head"), head).status()).isEqualTo(201);
        startNodes(2, 3);
        stopNodes(0, 1);
        assertThat(http.put(Http.file("tail"), tail).status()).isEqualTo(201);
        startNodes(0, 1);
        assertThat(http.put(Http.file("whole"), whole).status()).isEqualTo(201);
        JsonNode chunks = http.get(Http.file("whole") + "/chunks").json().get("chunks");
        assertThat(chunks).hasSize(3);
        assertThat(replicaNodes(chunks.get(0))).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(replicaNodes(chunks.get(1))).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(replicaNodes(chunks.get(2))).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        String lostChunk = chunks.get(2).get("id").asText();

        stopNodes(2, 3);

        // REST: the whole file, and any range that reaches into the third chunk, is a 503 before any byte of it.
        Raw refused = rawGet(restUri("/download/whole"), Map.of("Authorization", AUTH));
        assertRefusedRest(refused);
        assertThat(refused.json().get("message").asText()).contains("1 of the 3 chunks");
        assertRefusedRest(rawGet(restUri("/download/whole"), Map.of("Authorization", AUTH,
                "Range", "bytes=" + (2 * CHUNK - 10) + "-" + (2 * CHUNK + 9))));
        assertRefusedRest(rawGet(restUri("/download/whole"), Map.of("Authorization", AUTH, "Range", "bytes=-100")));
        // A range on the live chunks is served whole, and the object's metadata still answers.
        Http.Response front = http.send(http.request(Http.download("whole")).header("Range",
                "bytes=0-" + (2 * CHUNK - 1)).GET().build());
        assertThat(front.status()).isEqualTo(206);
        assertThat(front.body()).isEqualTo(head);
        assertThat(http.send(http.request(Http.download("whole")).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(200);

        // S3: ServiceUnavailable, which SDKs retry, with Retry-After; the same range rules.
        try (S3Client s3 = S3Clients.as(cluster.s3Url(), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET)) {
            assertRefusedS3(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("whole")));
            assertRefusedS3(() -> s3.getObjectAsBytes(b -> b.bucket("default").key("whole")
                    .range("bytes=" + (2 * CHUNK) + "-")));
            ResponseBytes<GetObjectResponse> ranged = s3.getObjectAsBytes(b -> b.bucket("default").key("whole")
                    .range("bytes=10-" + (2 * CHUNK - 1)));
            assertThat(ranged.response().contentRange()).isEqualTo("bytes 10-" + (2 * CHUNK - 1) + "/" + (3 * CHUNK));
            assertThat(ranged.asByteArray()).isEqualTo(Arrays.copyOfRange(head, 10, 2 * CHUNK));

            // Once the nodes are back, the same download is served whole.
            startNodes(2, 3);
            assertThat(http.get(Http.download("whole")).body()).isEqualTo(whole);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("default").key("whole")).asByteArray()).isEqualTo(whole);
        }

        // A chunk lost while its nodes stay healthy (its copies removed from both stores behind the controller's
        // back) is found only when the reader reaches it, after the status line and the first chunks went out: the
        // connection is cut, so the client sees fewer bytes than Content-Length promised, never a clean short 200.
        ChunkId lost = new ChunkId(lostChunk);
        for (int i : new int[] {2, 3}) {
            ChunkStore store = cluster.node(i).store();
            StoredChunk copy = store.stat(lost).orElseThrow(
                    () -> new AssertionError("node " + (i + 1) + " has no copy of the third chunk"));
            assertThat(store.delete(lost, copy.generation())).isEqualTo(DeleteOutcome.DELETED);
        }
        assertCutOff(rawGet(restUri("/download/whole"), Map.of("Authorization", AUTH)), whole);
        try (S3Presigner presigner = S3Clients.presigner(cluster.s3Url())) {
            URL url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("default").key("whole"))).url();
            assertCutOff(rawGet(url.toURI(), Map.of()), whole);
        }
    }

    private static void assertRefusedRest(Raw response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Retry-After")).as(response.toString()).isNotNull();
        assertThat(response.header("Content-Range")).isNull();
        assertThat(response.json().get("error").asText()).isEqualTo("INSUFFICIENT_NODES");
        assertThat(response.json().get("message").asText()).contains("no live copy");
    }

    private static void assertRefusedS3(org.assertj.core.api.ThrowableAssert.ThrowingCallable get) {
        assertThatThrownBy(get).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(e.awsErrorDetails().errorMessage()).contains("no live copy");
            assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).isPresent();
        });
    }

    /** A 200 whose body stopped short of its Content-Length: what was sent is a prefix of the file, and no more. */
    private static void assertCutOff(Raw response, byte[] whole) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(whole.length));
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.body().length).as(response.toString()).isLessThan(whole.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOf(whole, response.body().length));
    }

    private void stopNodes(int... indexes) {
        for (int i : indexes) {
            cluster.stopNode(i);
        }
        awaitStatus(indexes, "unhealthy");
    }

    private void startNodes(int... indexes) throws Exception {
        for (int i : indexes) {
            cluster.startNode(i);
        }
        awaitStatus(indexes, "healthy");
    }

    /** Waits until the controller reports each node of {@code indexes} with {@code status}. */
    private void awaitStatus(int[] indexes, String status) {
        Set<String> wanted = Arrays.stream(indexes).mapToObj(ids::get).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode nodes = http.get("/nodes").json().get("nodes");
            int matching = 0;
            for (JsonNode node : nodes) {
                if (wanted.contains(node.get("node_id").asText()) && node.get("status").asText().equals(status)) {
                    matching++;
                }
            }
            return matching == wanted.size();
        });
    }

    private static List<String> replicaNodes(JsonNode chunk) {
        List<String> nodes = new ArrayList<>();
        chunk.get("replicas").forEach(r -> nodes.add(r.get("node_id").asText()));
        return nodes;
    }

    private URI restUri(String path) {
        return URI.create(cluster.url() + path);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * What arrived on the wire: the status, the headers, and the body bytes received before the connection ended
     * (de-chunked if the answer was chunked), whether it ended cleanly or not.
     */
    record Raw(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length < 2000 ? new String(body, StandardCharsets.UTF_8)
                    : body.length + " bytes");
        }
    }

    /** A GET over a plain socket, as curl would send it, reading until the server closes or resets the connection. */
    static Raw rawGet(URI uri, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
            request.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // A connection reset ends the answer as surely as a close: what arrived before it is what counts.
            }
            byte[] all = received.toByteArray();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(end).as("a complete header section in %d bytes", all.length).isGreaterThan(0);
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            Map<String, String> parsed = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                parsed.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(parsed.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Raw(status, parsed, body);
        }
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            at += lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(body, at, Math.min(size, body.length - at));
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
