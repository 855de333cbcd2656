package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark run end to end against an in-memory stub of the REST API, with tiny sizes. */
class BenchCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void measuresEverythingVerifiesTheDownloadAndDeletesItsObjects() throws Exception {
        NavigableMap<String, byte[]> store = new ConcurrentSkipListMap<>();
        try (StubServer server = new StubServer((req, ex) -> {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(req.rawQuery());
            switch (req.method() + " " + (path.startsWith("/files/") ? "/files/" : path.startsWith("/download/")
                    ? "/download/" : path)) {
                case "GET /status" -> StubServer.json(ex, 200, "{\"status\":\"healthy\"}");
                case "PUT /files/" -> {
                    String key = path.substring("/files/".length());
                    store.put(key, req.body());
                    StubServer.json(ex, 201, "{\"filename\":\"" + key + "\",\"size\":" + req.body().length
                            + ",\"version\":1,\"chunks\":1,\"deduplicated_chunks\":0}");
                }
                case "GET /download/" -> {
                    byte[] body = store.get(path.substring("/download/".length()));
                    if (body == null) {
                        StubServer.json(ex, 404, "{\"error\":\"NOT_FOUND\",\"message\":\"no such file\"}");
                    } else {
                        StubServer.bytes(ex, 200, body);
                    }
                }
                case "DELETE /files/" -> {
                    store.remove(path.substring("/files/".length()));
                    StubServer.json(ex, 200, "{\"versions_deleted\":[1]}");
                }
                case "GET /files" -> {
                    int limit = Integer.parseInt(query.get("limit"));
                    String prefix = query.getOrDefault("prefix", "");
                    List<String> names = new ArrayList<>();
                    for (String key : (query.containsKey("after") ? store.tailMap(query.get("after"), false) : store)
                            .keySet()) {
                        if (key.startsWith(prefix) && names.size() < limit) {
                            names.add(key);
                        }
                    }
                    StringBuilder json = new StringBuilder("{\"files\":[");
                    for (int i = 0; i < names.size(); i++) {
                        json.append(i > 0 ? "," : "").append("{\"filename\":\"").append(names.get(i)).append("\"}");
                    }
                    json.append("]");
                    if (names.size() == limit) {
                        json.append(",\"next\":\"").append(names.getLast()).append("\"");
                    }
                    StubServer.json(ex, 200, json.append("}").toString());
                }
                default -> StubServer.json(ex, 405, "{\"error\":\"METHOD_NOT_ALLOWED\",\"message\":\"no\"}");
            }
        })) {
            Cli cli = Cli.run(new BenchCommand(), "--url", server.url(), "-q", "--size", "6MiB", "--ops", "1200", "--warmup", "50",
                    "--concurrency", "4", "--data-dir", dataDir.toString(), "--disk-bytes", "8MiB",
                    "--hash-bytes", "16MiB");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode result = Json.MAPPER.readTree(cli.out());
            assertThat(result.path("download_crc32c_ok").asBoolean()).isTrue();
            for (String field : List.of("upload_mb_s", "download_mb_s", "put_4k_ops_s", "get_4k_ops_s",
                    "disk_fdatasync_write_mb_s", "disk_write_then_sync_mb_s", "sha256_mb_s_one_core",
                    "upload_vs_disk_over_r", "download_vs_sha256")) {
                assertThat(result.path(field).asDouble()).as(field).isPositive();
            }
            assertThat(result.path("put_4k_errors").asInt()).isZero();
            assertThat(result.path("get_4k_errors").asInt()).isZero();
            assertThat(result.path("replication").asInt()).isEqualTo(2);
            assertThat(result.path("machine").path("cores").asInt()).isPositive();
            assertThat(store).as("bench objects are deleted").isEmpty();
            assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT"))
                    .hasSize(1 + 50 + 1200) // the large object, the warm-up, the measured ops
                    .allMatch(r -> r.rawPath().startsWith("/files/bench/") && r.rawQuery().contains("replication_factor=2"));
            assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT"))
                    .extracting(r -> new String(r.body(), StandardCharsets.ISO_8859_1)).doesNotHaveDuplicates();
            try (Stream<Path> left = Files.list(dataDir)) {
                assertThat(left).as("disk test files are removed").isEmpty();
            }
        }
    }

    @Test
    void randomStreamIsTheSameWhateverTheReadSizes() {
        byte[] whole = RandomStream.bytes(42, 1000);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        try (RandomStream in = new RandomStream(42, 1000)) {
            byte[] buffer = new byte[13];
            int size = 1;
            for (int n; (n = in.read(buffer, 0, size)) > 0; size = size % 13 + 1) {
                pieces.write(buffer, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(pieces.toByteArray()).isEqualTo(whole);
        assertThat(RandomStream.bytes(43, 1000)).isNotEqualTo(whole);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
