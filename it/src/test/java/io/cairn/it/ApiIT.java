package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Versions, ranges, dedup, metadata, listing and the error contract of the REST API. */
class ApiIT extends SharedClusterTest {
    @Test
    void uploadingAnExistingNameMakesANewVersionAndOldOnesStayDownloadable() {
        for (int v = 1; v <= 3; v++) {
            Http.Response put = http.put(Http.file("doc.txt"), ("version " + v).getBytes(StandardCharsets.UTF_8));
            assertThat(put.json().get("version").asLong()).isEqualTo(v);
        }
        assertThat(new String(http.get(Http.download("doc.txt")).body())).isEqualTo("version 3");
        assertThat(new String(http.get(Http.download("doc.txt") + "?version=1").body())).isEqualTo("version 1");
        JsonNode versions = http.get(Http.file("doc.txt") + "/versions").json().get("versions");
        assertThat(versions.findValuesAsText("version")).containsExactly("1", "2", "3");
        assertThat(versions.get(2).get("latest").asBoolean()).isTrue();
        JsonNode listed = http.get("/files?prefix=doc").json().get("files").get(0);
        assertThat(listed.get("version").asLong()).isEqualTo(3);
        assertThat(listed.get("versions").asLong()).isEqualTo(3);
        // Deleting the latest version makes the previous one current; deleting the name removes all.
        assertThat(http.delete("/delete/doc.txt?version=3").status()).isEqualTo(200);
        assertThat(new String(http.get(Http.download("doc.txt")).body())).isEqualTo("version 2");
        assertThat(http.get(Http.download("doc.txt") + "?version=3").status()).isEqualTo(404);
        Http.Response deleted = http.delete("/delete/doc.txt");
        assertThat(deleted.json().get("versions_deleted").toString()).isEqualTo("[1,2]");
        assertThat(http.get(Http.download("doc.txt")).status()).isEqualTo(404);
    }

    @Test
    void conditionalCreateRefusesAnExistingName() {
        HttpRequest create = http.request(Http.file("once")).header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("a")).build();
        assertThat(http.send(create).status()).isEqualTo(201);
        Http.Response again = http.send(create);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(http.get(Http.file("once") + "/versions").json().get("versions")).hasSize(1);
    }

    @Test
    void rangesTouchOnlyWhatTheyAskFor() {
        byte[] content = Data.random(3 * TestClusters.CHUNK + 100, 21);
        assertThat(http.put(Http.file("ranged"), content).status()).isEqualTo(201);
        long[][] ranges = {{0, 0}, {0, 99}, {TestClusters.CHUNK - 10, TestClusters.CHUNK + 10},
                {TestClusters.CHUNK, 2L * TestClusters.CHUNK - 1}, {100, 3L * TestClusters.CHUNK + 50}};
        for (long[] r : ranges) {
            Http.Response part = http.send(http.request(Http.download("ranged"))
                    .header("Range", "bytes=" + r[0] + "-" + r[1]).GET().build());
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.header("Content-Range")).isEqualTo("bytes " + r[0] + "-" + r[1] + "/" + content.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, (int) r[0], (int) r[1] + 1));
        }
        Http.Response suffix = http.send(http.request(Http.download("ranged")).header("Range", "bytes=-10").GET().build());
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));
        Http.Response beyond = http.send(http.request(Http.download("ranged"))
                .header("Range", "bytes=" + content.length + "-").GET().build());
        assertThat(beyond.status()).isEqualTo(416);
        Http.Response head = http.send(http.request(Http.download("ranged"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Long.toString(content.length));
        assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void theSameContentTwiceDoesNotDoubleDiskUse() throws Exception {
        long size = 50L << 20;
        Http.Response first = http.putStream(Http.file("dedup/one"), Data.stream(size, 77), size);
        assertThat(first.status()).isEqualTo(201);
        long storedAfterFirst = http.get("/status").json().get("storage_used_bytes").asLong();
        long nodeBytesAfterFirst = nodeBytes();
        Http.Response second = http.putStream(Http.file("dedup/two"), Data.stream(size, 77), size);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("deduplicated_chunks").asInt()).isEqualTo(50);
        assertThat(http.get("/status").json().get("storage_used_bytes").asLong()).isEqualTo(storedAfterFirst);
        assertThat(nodeBytes()).isEqualTo(nodeBytesAfterFirst);
        assertThat(Data.sha256(http.get(Http.download("dedup/two")).body())).isEqualTo(Data.sha256(size, 77));
        // Deleting one copy leaves the other intact.
        assertThat(http.delete("/delete/dedup/one").status()).isEqualTo(200);
        assertThat(Data.sha256(http.get(Http.download("dedup/two")).body())).isEqualTo(Data.sha256(size, 77));
    }

    private static long nodeBytes() throws Exception {
        long total = 0;
        for (int i = 0; i < cluster.nodeCount(); i++) {
            try (var files = java.nio.file.Files.walk(cluster.nodeDir(i).resolve("chunks"))) {
                total += files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }
        return total;
    }

    @Test
    void metadataCanBeReadAndReplaced() {
        http.put(Http.file("meta/x.json"), "{}".getBytes(StandardCharsets.UTF_8));
        JsonNode before = http.get(Http.file("meta/x.json") + "/metadata").json();
        assertThat(before.get("size").asLong()).isEqualTo(2);
        assertThat(before.get("metadata")).isEmpty();
        Http.Response updated = http.send(http.request(Http.file("meta/x.json") + "/metadata")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"owner\":\"ana\",\"tag\":\"blue\"}}")).build());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(http.get(Http.file("meta/x.json") + "/metadata").json().get("metadata").get("owner").asText())
                .isEqualTo("ana");
    }

    @Test
    void metricsDescribeRequestsBytesNodesAndChunks() {
        http.put(Http.file("metered"), new byte[] {1, 2, 3});
        http.get(Http.download("metered"));
        String metrics = new String(http.get("/metrics").body());
        assertThat(metrics)
                .containsPattern("cairn_http_requests_seconds_count\\{route=\"PUT PutFile\",status=\"201\"} \\d")
                .contains("cairn_http_requests_seconds_bucket{")
                .containsPattern("cairn_http_received_bytes_total \\d")
                .containsPattern("cairn_http_sent_bytes_total \\d")
                .containsPattern("cairn_node_capacity_bytes\\{node=\"[^\"]+\"} \\d")
                .containsPattern("cairn_node_healthy\\{node=\"[^\"]+\"} 1\\.0")
                .containsPattern("cairn_nodes_healthy 3\\.0")
                .containsPattern("cairn_chunks [1-9]")
                .containsPattern("cairn_files [1-9]");
    }

    @Test
    void aDelimiterGroupsKeysIntoFoldersAndPagesThroughBothInOneOrder() {
        for (String key : new String[] {"tree/a.txt", "tree/docs/1", "tree/docs/2", "tree/docs/deep/3", "tree/m.txt",
                "tree/pics/x.png", "tree/z.txt"}) {
            http.put(Http.file(key), key.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode top = http.get("/files?prefix=tree/&delimiter=/").json();
        assertThat(top.get("folders").toString()).isEqualTo("[\"tree/docs/\",\"tree/pics/\"]");
        assertThat(top.get("files").findValuesAsText("filename")).containsExactly("tree/a.txt", "tree/m.txt",
                "tree/z.txt");
        assertThat(top.get("files").get(0).get("size").asLong()).isEqualTo("tree/a.txt".length());
        // Two entries a page, files and folders alike, in key order.
        StringBuilder seen = new StringBuilder();
        String after = "";
        do {
            JsonNode page = http.get("/files?prefix=tree/&delimiter=/&limit=2&after=" + after).json();
            page.get("folders").forEach(f -> seen.append(f.asText()).append(' '));
            page.get("files").forEach(f -> seen.append(f.get("filename").asText()).append(' '));
            after = page.hasNonNull("next") ? page.get("next").asText().replace("/", "%2F") : null;
        } while (after != null);
        assertThat(seen.toString().strip().split(" ")).containsExactlyInAnyOrder("tree/a.txt", "tree/docs/",
                "tree/m.txt", "tree/pics/", "tree/z.txt");
        assertThat(http.get("/files?prefix=tree/docs/&delimiter=/").json().get("folders").toString())
                .isEqualTo("[\"tree/docs/deep/\"]");
        assertThat(http.get("/files?prefix=tree/").json().get("folders").toString()).as("no delimiter, no folders")
                .isEqualTo("[]");
    }

    @Test
    void listingPagesThroughEveryKeyOnce() {
        for (int i = 0; i < 25; i++) {
            http.put(Http.file(String.format("page/%03d", i)), new byte[] {(byte) i});
        }
        int seen = 0;
        String after = "";
        while (true) {
            JsonNode page = http.get("/files?prefix=page/&limit=7&after=" + after).json();
            for (JsonNode f : page.get("files")) {
                assertThat(f.get("filename").asText()).isEqualTo(String.format("page/%03d", seen++));
            }
            if (page.get("next") == null) {
                break;
            }
            after = page.get("next").asText().replace("/", "%2F");
        }
        assertThat(seen).isEqualTo(25);
    }

    @Test
    void badInputGetsAClearErrorAndStoresNothing() {
        long filesBefore = http.get("/status").json().get("total_files").asLong();
        expectError(http.send(http.request("/upload").header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nv\r\n--xyz--\r\n"))
                .build()), 400, "BAD_REQUEST");
        expectError(http.put(Http.file("c0") + "?chunk_size=0", new byte[10]), 400, "INVALID_ARGUMENT");
        expectError(http.put(Http.file("c1") + "?chunk_size=-5", new byte[10]), 400, "INVALID_ARGUMENT");
        expectError(http.put(Http.file("c2") + "?replication_factor=0", new byte[10]), 400, "INVALID_ARGUMENT");
        expectError(http.send(RoundTripIT.multipart(http, "/upload", "../../etc/passwd", new byte[10])), 400, "INVALID_NAME");
        expectError(http.put("/files/..%2F..%2Fetc%2Fpasswd", new byte[10]), 400, "INVALID_NAME");
        expectError(rawRequest("PUT /files/../../etc/passwd HTTP/1.1"), 400, "BAD_REQUEST");
        expectError(http.get(Http.download("nothing-here")), 404, "NOT_FOUND");
        http.put(Http.file("versioned"), new byte[] {1});
        expectError(http.get(Http.download("versioned") + "?version=abc"), 400, "INVALID_ARGUMENT");
        expectError(http.get(Http.download("versioned") + "?version=0"), 400, "INVALID_ARGUMENT");
        expectError(http.get(Http.download("versioned") + "?version=99"), 404, "NO_SUCH_VERSION");
        expectError(http.get("/no/such/endpoint"), 404, "NOT_FOUND");
        expectError(http.send(http.request("/upload").GET().build()), 405, "METHOD_NOT_ALLOWED");
        assertThat(http.get("/status").json().get("total_files").asLong()).isEqualTo(filesBefore + 1);
        assertThat(http.get(Http.download("c0")).status()).isEqualTo(404);
    }

    /** Sends a request line as is (the JDK client would normalise "..") and reads the status and body. */
    private static Http.Response rawRequest(String requestLine) {
        java.net.URI uri = java.net.URI.create(cluster.url());
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write((requestLine + "\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            byte[] body = response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
            return new Http.Response(status, body, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void expectError(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("error").asText()).isEqualTo(code);
        assertThat(response.json().get("message").asText()).isNotBlank();
    }
}
