package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One key rule for the whole system: a stored key is any 1-1024 bytes of UTF-8 without NUL, whichever API wrote it.
 * Keys S3 may write and the REST API would not create (traversal segments, a leading slash, control characters, a name
 * ending in one of the REST router's own segments) are listed, read and deleted through the REST API too, by path or
 * with {@code ?key=}.
 */
class KeyRulesIT {
    private static final List<String> S3_ONLY_KEYS = List.of("a/../../b", "./x", "/leading", "ctl\u0001char",
            "new\nline", "dots/./..", "tab\there", "file/chunks", "file/metadata", "caf\u00e9/\u2603 \ud83d\ude00");

    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static Http rest;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
        rest = new Http(cluster.url());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyKeyS3WritesIsListedReadAndDeletedThroughRestToo() throws Exception {
        try (S3Client s3 = S3Clients.as(cluster.s3Url(), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET)) {
            for (String key : S3_ONLY_KEYS) {
                s3.putObject(b -> b.bucket("default").key(key), RequestBody.fromString("value of " + key));
            }
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode file : rest.get("/files?limit=1000").json().get("files")) {
            listed.add(file.get("filename").asText());
        }
        assertThat(listed).containsAll(S3_ONLY_KEYS);

        SoftAssertions soft = new SoftAssertions();
        for (String key : S3_ONLY_KEYS) {
            Http.Response byQuery = rest.get("/files?key=" + query(key));
            soft.assertThat(byQuery.status()).as("GET ?key= " + key).isEqualTo(200);
            soft.assertThat(new String(byQuery.body(), StandardCharsets.UTF_8)).as(key).isEqualTo("value of " + key);
            if (!key.endsWith("/chunks") && !key.endsWith("/metadata")) {
                soft.assertThat(rest.get(Http.file(key)).status()).as("GET by path " + key).isEqualTo(200);
            }
            soft.assertThat(rest.get(Http.file(key) + "/versions").status()).as("versions of " + key).isIn(200, 404);
        }
        soft.assertAll();

        for (String key : S3_ONLY_KEYS) {
            assertThat(rest.delete("/files?key=" + query(key)).status()).as("DELETE ?key= " + key).isEqualTo(200);
            expectError(rest.get("/files?key=" + query(key)), 404, "NOT_FOUND");
        }
    }

    @Test
    void theRestApiCreatesOnlyNamesSafeAsPathsAndSaysWhy() {
        expectError(rest.put(Http.file("a") + "/../b", new byte[] {1}), 400, "INVALID_NAME");
        expectError(rest.put(Http.file("ctl\u0001char"), new byte[] {1}), 400, "INVALID_NAME");
        expectError(rest.put("/files//leading", new byte[] {1}), 400, "INVALID_NAME");
        expectError(rest.get("/files?key=" + query("nul\u0000char")), 400, "INVALID_NAME");
        expectError(rest.send(rest.request("/files?key=x").PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build()), 405, "METHOD_NOT_ALLOWED");
    }

    private static String query(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
