package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.ClusterKey;
import io.cairn.api.ApiPaths;
import io.cairn.api.CopyDeletion;
import io.cairn.api.NodeAddress;
import io.cairn.api.ReplicateResult;
import io.cairn.api.VerifyResult;
import io.cairn.chunk.RoutedChunkStore;
import io.cairn.client.ChunkClient;
import io.cairn.client.HttpTransport;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import io.cairn.core.NodeId;
import io.cairn.core.Sha256;
import io.cairn.tls.ClusterTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunk API of a real {@link StorageNode} over HTTP. */
class ChunkApiTest {
    private static final ClusterKey KEY = ClusterKey.generate();
    private static final ClusterTls TLS = new ClusterTls(KEY.secret(), "cairn test", List.of("127.0.0.1"));
    @TempDir
    Path dir;

    private StorageNode node;
    private PrometheusMeterRegistry meters;
    /** One client per test, closed before the node: an idle keep-alive connection makes a server's stop wait. */
    private HttpClient http;
    /** What nodes copy to each other with, and the client side of the chunk API; closed before the nodes too. */
    private HttpTransport transport;
    private ChunkClient chunks;

    @BeforeEach
    void start() throws Exception {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        transport = new HttpTransport(KEY, TLS::context, Duration.ofSeconds(2), Duration.ofSeconds(10));
        chunks = new ChunkClient(transport);
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        node = startNode(dir, KEY, 0, meters);
    }

    @AfterEach
    void stop() {
        http.close();
        transport.close();
        node.close();
    }

    /** A node on loopback with an ephemeral port and no scrubber. */
    private StorageNode startNode(Path data, ClusterKey key, double reserve, PrometheusMeterRegistry registry)
            throws Exception {
        return StorageNode.start(new NodeSettings(data, "127.0.0.1", 0, null, null, null, key, null, false,
                Duration.ofMillis(100), reserve, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0), List.of(new FakeRegistry()),
                chunks, registry);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A request signed as another process of the cluster would sign it. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(10))
                .header(ClusterKey.HEADER, KEY.sign(path, Instant.now()));
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> put(ChunkId id, byte[] data) throws Exception {
        return send(request("/chunks/" + id.hex()).PUT(BodyPublishers.ofByteArray(data)).build());
    }

    private HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder b = request(path).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return send(b.build());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    /** The bytes the node holds for the chunk, wherever its store keeps them (a file, or a record in a volume). */
    private static byte[] stored(StorageNode node, ChunkId id) throws IOException {
        RoutedChunkStore.StoredBytes where = node.store().locate(id).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(where.file().toFile(), "r")) {
            byte[] bytes = new byte[(int) where.length()];
            file.seek(where.offset());
            file.readFully(bytes);
            return bytes;
        }
    }

    /** Overwrites the chunk's bytes in place, as bit rot would. */
    private static void overwrite(StorageNode node, ChunkId id, byte[] bytes) throws IOException {
        RoutedChunkStore.StoredBytes where = node.store().locate(id).orElseThrow();
        assertThat(bytes).hasSize((int) where.length());
        try (RandomAccessFile file = new RandomAccessFile(where.file().toFile(), "rw")) {
            file.seek(where.offset());
            file.write(bytes);
        }
    }

    @Test
    void aChunkIsStoredAndReadBackWhole() throws Exception {
        byte[] data = random(300_000, 1);
        ChunkId id = Sha256.of(data);

        HttpResponse<byte[]> put = put(id, data);

        assertThat(put.statusCode()).isEqualTo(201);
        JsonNode body = json(put);
        assertThat(body.get("id").asText()).isEqualTo(id.hex());
        assertThat(body.get("size").asLong()).isEqualTo(data.length);
        long generation = node.store().stat(id).orElseThrow().generation();
        assertThat(body.get("generation").asLong()).isEqualTo(generation);
        assertThat(put.headers().firstValueAsLong(ApiPaths.GENERATION_HEADER)).hasValue(generation);
        assertThat(stored(node, id)).isEqualTo(data);

        HttpResponse<byte[]> get = get("/chunks/" + id.hex(), null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(data);
        assertThat(get.headers().firstValue("Content-Length")).hasValue(Integer.toString(data.length));
        assertThat(get.headers().firstValue("ETag")).hasValue("\"" + id.hex() + "\"");
        assertThat(get.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(get.headers().firstValueAsLong(ApiPaths.GENERATION_HEADER)).hasValue(generation);

        HttpResponse<byte[]> head = send(request("/chunks/" + id.hex()).HEAD().build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(data.length));
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong(ApiPaths.GENERATION_HEADER)).hasValue(generation);
    }

    @Test
    void theEmptyChunkRoundTrips() throws Exception {
        ChunkId id = Sha256.of(new byte[0]);

        assertThat(put(id, new byte[0]).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> get = get("/chunks/" + id.hex(), null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEmpty();
    }

    @Test
    void rangesAreServedWith206() throws Exception {
        byte[] data = random(100_000, 2);
        ChunkId id = Sha256.of(data);
        put(id, data);
        String path = "/chunks/" + id.hex();

        HttpResponse<byte[]> middle = get(path, "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(middle.headers().firstValue("Content-Length")).hasValue("1000");

        HttpResponse<byte[]> tail = get(path, "bytes=99000-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(data, 99_000, 100_000));

        HttpResponse<byte[]> suffix = get(path, "bytes=-10");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");

        HttpResponse<byte[]> beyond = get(path, "bytes=100000-");
        assertError(beyond, 416, "RANGE_NOT_SATISFIABLE");
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */100000");

        HttpResponse<byte[]> several = get(path, "bytes=0-1,5-6");
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(data);
    }

    @Test
    void deleteRemovesOnlyTheGenerationItNames() throws Exception {
        byte[] data = random(1_000, 3);
        ChunkId id = Sha256.of(data);
        long older = chunks.put(node.url(), id, data, data.length, Crc32c.of(data, 0, data.length));
        long newer = chunks.put(node.url(), id, data, data.length, Crc32c.of(data, 0, data.length));
        assertThat(newer).isGreaterThan(older);
        String path = "/chunks/" + id.hex();

        assertError(send(request(path).DELETE().build()), 400, "INVALID_ARGUMENT");
        assertError(send(request(path + "?generation=soon").DELETE().build()), 400, "INVALID_ARGUMENT");
        HttpResponse<byte[]> changed = send(request(path + "?generation=" + older).DELETE().build());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).get("outcome").asText()).isEqualTo("changed");
        assertThat(node.store().chunkCount()).isEqualTo(1);

        HttpResponse<byte[]> deleted = send(request(path + "?generation=" + newer).DELETE().build());
        assertThat(json(deleted).get("outcome").asText()).isEqualTo("deleted");
        assertThat(chunks.deleteIfGeneration(node.url(), id, newer)).isEqualTo(CopyDeletion.ABSENT);

        assertError(get(path, null), 404, "NOT_FOUND");
        assertThat(send(request(path).HEAD().build()).statusCode()).isEqualTo(404);
        assertThat(node.store().chunkCount()).isZero();

        long again = chunks.put(node.url(), id, data, data.length, Crc32c.of(data, 0, data.length));
        assertThat(chunks.deleteIfGeneration(node.url(), id, older)).isEqualTo(CopyDeletion.CHANGED);
        assertThat(chunks.deleteIfGeneration(node.url(), id, again)).isEqualTo(CopyDeletion.DELETED);
    }

    @Test
    void verifyReHashesAndQuarantinesACorruptCopy() throws Exception {
        byte[] data = random(5_000, 13);
        ChunkId id = Sha256.of(data);
        long generation = chunks.put(node.url(), id, data, data.length, Crc32c.of(data, 0, data.length));

        assertThat(chunks.verify(node.url(), id)).isEqualTo(new VerifyResult(VerifyResult.State.OK, generation));
        HttpResponse<byte[]> ok = send(request("/chunks/" + id.hex() + "/verify")
                .POST(BodyPublishers.noBody()).build());
        assertThat(json(ok).get("state").asText()).isEqualTo("ok");
        assertThat(json(ok).get("generation").asLong()).isEqualTo(generation);

        byte[] rotten = data.clone();
        rotten[4_000] ^= 0x40;
        overwrite(node, id, rotten);
        long rottenGeneration = node.store().stat(id).orElseThrow().generation();

        assertThat(chunks.verify(node.url(), id))
                .isEqualTo(new VerifyResult(VerifyResult.State.CORRUPT, rottenGeneration));
        assertThat(node.store().quarantineDir().resolve(id.hex() + "." + rottenGeneration)).hasBinaryContent(rotten);
        assertError(get("/chunks/" + id.hex(), null), 404, "NOT_FOUND");
        assertThat(node.store().chunkCount()).isZero();
        assertThat(chunks.verify(node.url(), id)).isEqualTo(new VerifyResult(VerifyResult.State.ABSENT, 0));
        assertError(send(request("/chunks/" + id.hex() + "/scrub").POST(BodyPublishers.noBody()).build()), 404,
                "NOT_FOUND");
        assertError(send(request("/chunks/" + id.hex()).POST(BodyPublishers.noBody()).build()), 404, "NOT_FOUND");
    }

    @Test
    void aNodeCopiesItsChunkToOtherNodesWhichVerifyIt(@TempDir Path otherDir) throws Exception {
        byte[] data = random(300_000, 14);
        ChunkId id = Sha256.of(data);
        chunks.put(node.url(), id, data, data.length, Crc32c.of(data, 0, data.length));
        try (StorageNode target = startNode(otherDir, KEY, 0, meters)) {
            NodeAddress unreachable = new NodeAddress(new NodeId("gone"), "http://127.0.0.1:1");

            ReplicateResult result = chunks.replicate(node.url(), id, data.length,
                    List.of(new NodeAddress(target.nodeId(), target.url()), unreachable));

            long copied = target.store().stat(id).orElseThrow().generation();
            assertThat(result.copies()).containsExactly(new ReplicateResult.Copy(target.nodeId(), copied));
            assertThat(result.failures()).singleElement().satisfies(f -> {
                assertThat(f.node_id()).isEqualTo(unreachable.id());
                assertThat(f.error()).startsWith("UNAVAILABLE: ");
            });
            assertThat(stored(target, id)).isEqualTo(data);

            assertThatThrownBy(() -> chunks.replicate(node.url(), id, data.length + 1,
                    List.of(new NodeAddress(target.nodeId(), target.url()))))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
            ChunkId absent = Sha256.of(random(10, 15));
            assertThatThrownBy(() -> chunks.replicate(node.url(), absent, 10, List.of()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertError(send(request("/chunks/" + id.hex() + "/replicate").POST(BodyPublishers.ofString(
                    "{\"size\":300000,\"targets\":[{\"node_id\":\"x\",\"url\":\"file:///etc\"}]}")).build()),
                    400, "INVALID_ARGUMENT");
            ChunkId empty = Sha256.of(new byte[0]);
            chunks.put(node.url(), empty, new byte[0], 0, Crc32c.of(new byte[0], 0, 0));
            assertThat(chunks.replicate(node.url(), empty, 0, List.of(new NodeAddress(target.nodeId(), target.url())))
                    .copies()).hasSize(1);
            assertThat(target.store().stat(empty).orElseThrow().size()).isZero();
        }
    }

    @Test
    void aSourceWhoseCopyIsCorruptQuarantinesItAndRefusesToCopy(@TempDir Path otherDir) throws Exception {
        byte[] data = random(100_000, 16);
        ChunkId id = Sha256.of(data);
        chunks.put(node.url(), id, data, data.length, Crc32c.of(data, 0, data.length));
        byte[] rotten = data.clone();
        rotten[99_999] ^= 1;
        overwrite(node, id, rotten);
        try (StorageNode target = startNode(otherDir, KEY, 0, meters)) {
            assertThatThrownBy(() -> chunks.replicate(node.url(), id, data.length,
                    List.of(new NodeAddress(target.nodeId(), target.url()))))
                    .isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                        assertThat(e.getMessage()).contains("another node");
                    });

            assertThat(target.store().chunkCount()).isZero();
            assertThat(node.store().stat(id)).isEmpty();
            try (var aside = Files.list(node.store().quarantineDir())) {
                assertThat(aside).singleElement().satisfies(f -> assertThat(f).hasBinaryContent(rotten));
            }
        }
    }

    @Test
    void aNodeRefusesChunksThatWouldEatIntoItsReserve(@TempDir Path otherDir) throws Exception {
        try (StorageNode full = startNode(otherDir, KEY, 1, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            byte[] data = random(10_000, 17);

            String path = "/chunks/" + Sha256.of(data).hex();
            HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(URI.create(full.url() + path))
                    .header(ClusterKey.HEADER, KEY.sign(path, Instant.now())).PUT(BodyPublishers.ofByteArray(data))
                    .build());

            assertError(refused, 507, "INSUFFICIENT_STORAGE");
            assertThat(full.store().chunkCount()).isZero();
            assertThatThrownBy(() -> chunks.put(full.url(), Sha256.of(data), data, data.length,
                    Crc32c.of(data, 0, data.length)))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE));
        }
    }

    @Test
    void theInventoryPagesThroughChunksInIdOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] data = random(100 + i, 10 + i);
            ChunkId id = Sha256.of(data);
            put(id, data);
            ids.add(id.hex());
        }
        ids.sort(null);

        JsonNode all = json(get("/chunks", null));
        assertThat(all.get("node_id").asText()).isEqualTo(node.nodeId().value());
        assertThat(all.get("chunks").findValuesAsText("id")).containsExactlyElementsOf(ids);
        assertThat(all.get("chunks").get(0).get("size").asLong()).isBetween(100L, 104L);
        JsonNode first = all.get("chunks").get(0);
        assertThat(first.get("generation").asLong())
                .isEqualTo(node.store().stat(new ChunkId(ids.get(0))).orElseThrow().generation());
        assertThat(first.get("age_ms").asLong()).isBetween(0L, 60_000L);
        assertThat(all.has("next")).isFalse();

        List<String> paged = new ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 10; pages++) {
            JsonNode page = json(get("/chunks?limit=2&after=" + after, null));
            paged.addAll(page.get("chunks").findValuesAsText("id"));
            if (!page.hasNonNull("next")) {
                break;
            }
            after = page.get("next").asText();
        }
        assertThat(paged).containsExactlyElementsOf(ids);

        assertError(get("/chunks?limit=0", null), 400, "INVALID_ARGUMENT");
        assertError(get("/chunks?after=nothex", null), 400, "INVALID_ARGUMENT");
        assertThat(json(get("/chunks?limit=999999", null)).get("chunks")).hasSize(5);
    }

    @Test
    void aBadIdIsRefused() throws Exception {
        assertError(send(request("/chunks/xyz").PUT(BodyPublishers.ofByteArray(new byte[1])).build()), 400,
                "INVALID_ARGUMENT");
        assertError(get("/chunks/" + "A".repeat(64), null), 400, "INVALID_ARGUMENT");
        assertError(send(request("/chunks/abc").DELETE().build()), 400, "INVALID_ARGUMENT");
        assertThat(node.store().chunkCount()).isZero();
    }

    @Test
    void bytesThatDoNotMatchTheIdAreRefusedAndNothingIsStored() throws Exception {
        byte[] data = random(70_000, 4);
        ChunkId claimed = Sha256.of(random(70_000, 5));

        assertError(put(claimed, data), 400, "CHECKSUM_MISMATCH");

        assertError(get("/chunks/" + claimed.hex(), null), 404, "NOT_FOUND");
        assertThat(get("/chunks/" + Sha256.of(data).hex(), null).statusCode()).isEqualTo(404);
        assertThat(node.store().chunkCount()).isZero();
        try (var files = Files.walk(dir.resolve("chunks"))) {
            // An empty volume file is all the volume side holds: nothing was appended to it.
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.endsWith("store-id"))
                    .filter(f -> f.toFile().length() > 0)).as("no chunk, no record and no temp file").isEmpty();
        }
        assertThat(meters.scrape()).containsPattern("cairn_node_checksum_rejections_total\\{node=\"[^\"]+\"} 1\\.0");
    }

    @Test
    void aBitFlippedBetweenWriterAndNodeIsCaughtByTheSentCrcAndNothingIsStored() throws Exception {
        byte[] sent = random(70_000, 8);
        ChunkId id = Sha256.of(sent);
        Crc32c crc = Crc32c.of(sent, 0, sent.length);
        byte[] arrived = sent.clone();
        arrived[40_000] ^= 0x10;

        HttpResponse<byte[]> refused = send(request("/chunks/" + id.hex()).header(ApiPaths.CRC32C_HEADER, crc.hex())
                .PUT(BodyPublishers.ofByteArray(arrived)).build());

        assertError(refused, 400, "CHECKSUM_MISMATCH");
        assertThat(json(refused).get("message").asText()).contains("CRC32C");
        assertThat(get("/chunks/" + id.hex(), null).statusCode()).isEqualTo(404);
        assertThat(node.store().chunkCount()).isZero();
        try (var files = Files.walk(dir.resolve("chunks"))) {
            // An empty volume file is all the volume side holds: nothing was appended to it.
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.endsWith("store-id"))
                    .filter(f -> f.toFile().length() > 0)).as("no chunk, no record and no temp file").isEmpty();
        }

        HttpResponse<byte[]> stored = send(request("/chunks/" + id.hex()).header(ApiPaths.CRC32C_HEADER, crc.hex())
                .PUT(BodyPublishers.ofByteArray(sent)).build());
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(get("/chunks/" + id.hex(), null).body()).isEqualTo(sent);
    }

    @Test
    void aMalformedCrcIsRefusedBeforeAnythingIsStored() throws Exception {
        byte[] data = random(1_000, 9);
        ChunkId id = Sha256.of(data);

        assertError(send(request("/chunks/" + id.hex()).header(ApiPaths.CRC32C_HEADER, "xyz")
                .PUT(BodyPublishers.ofByteArray(data)).build()), 400, "BAD_REQUEST");
        assertThat(node.store().chunkCount()).isZero();
    }

    @Test
    void aBodyWithoutContentLengthIsRefused() throws Exception {
        byte[] data = random(10, 6);
        ChunkId id = Sha256.of(data);

        HttpResponse<byte[]> chunked = send(request("/chunks/" + id.hex())
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))).build());

        assertError(chunked, 400, "BAD_REQUEST");
        assertThat(json(chunked).get("message").asText()).isEqualTo("Content-Length required");
        assertThat(node.store().chunkCount()).isZero();
    }

    @Test
    void aCorruptChunkIsNeverServedWhole() throws Exception {
        byte[] small = random(1_000, 7);
        ChunkId smallId = Sha256.of(small);
        put(smallId, small);
        byte[] large = random(300_000, 8);
        ChunkId largeId = Sha256.of(large);
        put(largeId, large);
        for (ChunkId id : List.of(smallId, largeId)) {
            byte[] rotten = stored(node, id);
            rotten[0] ^= 1;
            overwrite(node, id, rotten);
        }

        assertError(get("/chunks/" + smallId.hex(), null), 500, "INTERNAL");
        // Headers are gone by the time the large chunk's hash is known: the transfer is cut short instead.
        assertThatThrownBy(() -> get("/chunks/" + largeId.hex(), null)).isInstanceOf(IOException.class);
        assertThat(meters.scrape()).containsPattern("cairn_node_corrupt_reads_total\\{node=\"[^\"]+\"} 2\\.0");
        // A reader that verifies by itself gets the bytes as they are, and finds the damage on its side.
        HttpResponse<byte[]> raw = send(request("/chunks/" + smallId.hex())
                .header(ApiPaths.READER_VERIFIES_HEADER, "true").GET().build());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(Sha256.of(raw.body())).isNotEqualTo(smallId);
    }

    @Test
    void infoHealthAndMetricsDescribeTheNode() throws Exception {
        byte[] data = random(5_000, 9);
        put(Sha256.of(data), data);
        get("/chunks/" + Sha256.of(data).hex(), null);

        JsonNode info = json(get("/info", null));
        assertThat(info.get("node_id").asText()).isEqualTo(node.nodeId().value());
        assertThat(info.has("cluster_id")).isTrue();
        assertThat(info.get("url").asText()).isEqualTo(node.url()).isEqualTo("http://127.0.0.1:" + node.port());
        assertThat(info.get("chunks").asLong()).isEqualTo(1);
        assertThat(info.get("used_bytes").asLong()).isEqualTo(5_000);
        assertThat(info.get("capacity_bytes").asLong()).isPositive();
        assertThat(info.get("free_bytes").asLong()).isPositive();

        JsonNode health = json(get("/health", null));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("role").asText()).isEqualTo("node");
        assertThat(health.get("node_id").asText()).isEqualTo(node.nodeId().value());

        String metrics = new String(get("/metrics", null).body());
        assertThat(metrics).containsPattern("cairn_node_chunks\\{node=\"[^\"]+\"} 1\\.0")
                .containsPattern("cairn_node_used_bytes\\{node=\"[^\"]+\"} 5000\\.0")
                .contains("cairn_node_capacity_bytes{", "cairn_node_free_bytes{", "cairn_node_inflight_requests{")
                .containsPattern("cairn_node_chunk_written_bytes_total\\{node=\"[^\"]+\"} 5000\\.0")
                .containsPattern("cairn_node_chunk_read_bytes_total\\{node=\"[^\"]+\"} 5000\\.0");
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() throws Exception {
        assertError(get("/nope", null), 404, "NOT_FOUND");
        assertError(send(request("/chunks").PUT(BodyPublishers.noBody()).build()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void onlyRequestsSignedWithTheClusterSecretGetPastHealth(@TempDir Path otherDir) throws Exception {
        // The client is declared last so it closes first (see the http field).
        try (StorageNode secured = startNode(otherDir, KEY, 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
             HttpClient client = HttpClient.newHttpClient()) {
            URI chunks = URI.create(secured.url() + "/chunks");

            HttpResponse<byte[]> anonymous = client.send(HttpRequest.newBuilder(chunks).GET().build(),
                    BodyHandlers.ofByteArray());
            assertError(anonymous, 401, "UNAUTHORIZED");
            HttpResponse<byte[]> otherCluster = client.send(HttpRequest.newBuilder(chunks).header(ClusterKey.HEADER,
                    ClusterKey.generate().sign("/chunks", Instant.now())).GET().build(), BodyHandlers.ofByteArray());
            assertError(otherCluster, 401, "UNAUTHORIZED");
            byte[] data = random(10, 11);
            String path = "/chunks/" + Sha256.of(data).hex();
            HttpResponse<byte[]> anonymousPut = client.send(HttpRequest.newBuilder(URI.create(secured.url() + path))
                    .PUT(BodyPublishers.ofByteArray(data)).build(), BodyHandlers.ofByteArray());
            assertError(anonymousPut, 401, "UNAUTHORIZED");
            HttpResponse<byte[]> userPut = client.send(HttpRequest.newBuilder(URI.create(secured.url() + path))
                    .header("Authorization", "Basic Y2Fpcm5hZG1pbjpjYWlybmFkbWlu")
                    .PUT(BodyPublishers.ofByteArray(data)).build(), BodyHandlers.ofByteArray());
            assertError(userPut, 401, "UNAUTHORIZED");
            assertThat(secured.store().chunkCount()).isZero();

            HttpResponse<byte[]> signed = client.send(HttpRequest.newBuilder(chunks)
                    .header(ClusterKey.HEADER, KEY.sign("/chunks", Instant.now())).GET().build(),
                    BodyHandlers.ofByteArray());
            assertThat(signed.statusCode()).isEqualTo(200);
            HttpResponse<byte[]> health = client.send(HttpRequest.newBuilder(URI.create(secured.url() + "/health"))
                    .GET().build(), BodyHandlers.ofByteArray());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void nodesCopyToEachOtherSignedWithTheClusterSecret(@TempDir Path sourceDir, @TempDir Path targetDir)
            throws Exception {
        ClusterKey other = ClusterKey.generate();
        try (HttpTransport keyed = new HttpTransport(other,
                () -> new ClusterTls(other.secret(), "cairn test", List.of()).context(), Duration.ofSeconds(2),
                Duration.ofSeconds(10))) {
            ChunkClient keyedChunks = new ChunkClient(keyed);
            NodeSettings source = new NodeSettings(sourceDir, "127.0.0.1", 0, null, null, null, other, null, false,
                    Duration.ofMillis(100), 0, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0);
            NodeSettings target = new NodeSettings(targetDir, "127.0.0.1", 0, null, null, null, other, null, false,
                    Duration.ofMillis(100), 0, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0);
            try (StorageNode from = StorageNode.start(source, List.of(new FakeRegistry()), keyedChunks, meters);
                 StorageNode to = StorageNode.start(target, List.of(new FakeRegistry()), keyedChunks, meters)) {
                byte[] data = random(1_000, 18);
                ChunkId id = Sha256.of(data);
                keyedChunks.put(from.url(), id, data, data.length, Crc32c.of(data, 0, data.length));

                ReplicateResult result = keyedChunks.replicate(from.url(), id, data.length,
                        List.of(new NodeAddress(to.nodeId(), to.url())));

                assertThat(result.failures()).isEmpty();
                assertThat(to.store().stat(id)).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(1_000));
                assertThatThrownBy(() -> chunks.replicate(from.url(), id, data.length, List.of()))
                        .as("signed with another cluster's secret")
                        .isInstanceOfSatisfying(CairnException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
            }
        }
    }

    /**
     * Internal TLS: the nodes serve https, copy to each other over it, and refuse plain HTTP and TLS without a
     * certificate of the cluster, even with a valid signature.
     */
    @Test
    void withInternalTlsNodesServeOnlyHoldersOfAClusterCertificate(@TempDir Path sourceDir,
                                                                  @TempDir Path targetDir) throws Exception {
        NodeSettings source = new NodeSettings(sourceDir, "127.0.0.1", 0, null, null, null, KEY, TLS.context(), false,
                Duration.ofMillis(100), 0, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0);
        NodeSettings target = new NodeSettings(targetDir, "127.0.0.1", 0, null, null, null, KEY, TLS.context(), false,
                Duration.ofMillis(100), 0, 0, NodeSettings.DEFAULT_SCRUB_INTERVAL, 0);
        try (StorageNode from = StorageNode.start(source, List.of(new FakeRegistry()), chunks, meters);
             StorageNode to = StorageNode.start(target, List.of(new FakeRegistry()), chunks, meters)) {
            assertThat(from.url()).isEqualTo("https://127.0.0.1:" + from.port());
            byte[] data = random(1_000, 19);
            ChunkId id = Sha256.of(data);
            chunks.put(from.url(), id, data, data.length, Crc32c.of(data, 0, data.length));
            assertThat(chunks.replicate(from.url(), id, data.length, List.of(new NodeAddress(to.nodeId(), to.url())))
                    .failures()).isEmpty();
            byte[] back = new byte[data.length];
            assertThat(chunks.get(to.url(), id, back)).isEqualTo(data.length);
            assertThat(back).isEqualTo(data);

            String path = ApiPaths.CHUNKS + "/" + id.hex();
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + from.port() + path))
                    .header(ClusterKey.HEADER, KEY.sign(path, Instant.now())).build();
            assertThatThrownBy(() -> http.send(plain, BodyHandlers.discarding())).isInstanceOf(IOException.class);
            SSLContext noCertificate = SSLContext.getInstance("TLS");
            noCertificate.init(null, new TrustManager[] {TLS.trustManager()}, null);
            try (HttpClient anonymous = HttpClient.newBuilder().sslContext(noCertificate).build()) {
                // The port wants a certificate rather than needing one, so that /health answers a probe; without
                // one, even a valid signature makes no member.
                HttpRequest signed = HttpRequest.newBuilder(URI.create(from.url() + path))
                        .header(ClusterKey.HEADER, KEY.sign(path, Instant.now())).build();
                assertThat(anonymous.send(signed, BodyHandlers.discarding()).statusCode()).isEqualTo(401);
                assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(from.url() + "/health")).build(),
                        BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void twoNodesRunSideBySideInOneJvm(@TempDir Path otherDir) throws Exception {
        try (StorageNode second = startNode(otherDir, KEY, 0, meters)) {
            byte[] data = random(10, 12);
            put(Sha256.of(data), data);

            assertThat(second.port()).isNotEqualTo(node.port());
            assertThat(second.nodeId()).isNotEqualTo(node.nodeId());
            assertThat(second.store().chunkCount()).isZero();
            assertThat(node.store().chunkCount()).isEqualTo(1);
            assertThat(meters.scrape()).contains("cairn_node_chunks{node=\"" + node.nodeId() + "\"} 1.0",
                    "cairn_node_chunks{node=\"" + second.nodeId() + "\"} 0.0");
        }
    }
}
