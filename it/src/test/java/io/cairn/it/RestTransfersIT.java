package io.cairn.it;

import static io.cairn.it.ApiIT.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The REST API's copies (and so restores and renames), share links, and uploads in parts that resume: what the web
 * console builds on, through the API a script would use.
 */
class RestTransfersIT extends SharedClusterTest {
    private static final HttpClient ANONYMOUS = HttpClient.newHttpClient();

    @Test
    void copyingAnOldVersionOntoItsKeyRestoresItAsTheLatest() {
        http.put(Http.file("restore/doc.txt"), bytes("first"));
        http.put(Http.file("restore/doc.txt"), bytes("second"));
        Http.Response restored = http.post(Http.file("restore/doc.txt") + "/copy?version=1&to=restore/doc.txt");
        assertThat(restored.status()).as(restored.toString()).isEqualTo(201);
        assertThat(restored.json().get("version").asLong()).isEqualTo(3);
        assertThat(restored.json().get("copied_from").get("version").asLong()).isEqualTo(1);
        assertThat(text(http.get("/files?key=restore/doc.txt"))).isEqualTo("first");
        assertThat(text(http.get("/files?key=restore/doc.txt&version=2"))).isEqualTo("second");
        assertThat(http.get(Http.file("restore/doc.txt") + "/versions").json().get("versions")).hasSize(3);
    }

    @Test
    void aCopyToAnotherBucketThenADeleteIsARename() {
        assertThat(http.put("/buckets/renamed-to", new byte[0]).status()).isEqualTo(201);
        http.put(Http.file("rename/old.bin"), bytes("contents"));
        Http.Response copy = http.post(Http.file("rename/old.bin") + "/copy?to=new/name.bin&to_bucket=renamed-to");
        assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
        assertThat(http.delete("/files?key=rename/old.bin").status()).isEqualTo(200);
        assertThat(text(http.get("/files?bucket=renamed-to&key=new/name.bin"))).isEqualTo("contents");
        assertThat(http.get("/files?key=rename/old.bin").status()).isEqualTo(404);
    }

    @Test
    void aCopyNeedsASourceThatExistsAndADestinationName() {
        assertThat(http.post(Http.file("nothing-here") + "/copy?to=x").status()).isEqualTo(404);
        http.put(Http.file("copy/src"), bytes("x"));
        Http.Response noName = http.post(Http.file("copy/src") + "/copy");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("message").asText()).contains("?to=");
        assertThat(http.post(Http.file("copy/src") + "/copy?to=../escape").status()).isEqualTo(400);
    }

    @Test
    void aShareLinkDownloadsWithoutACredentialAndOnlyWhatWasShared() throws Exception {
        http.put(Http.file("shared/photo.jpg"), bytes("the photo"));
        http.put(Http.file("shared/secret.txt"), bytes("not shared"));
        Http.Response share = http.post(Http.file("shared/photo.jpg") + "/share?expires=600");
        assertThat(share.status()).as(share.toString()).isEqualTo(201);
        String url = share.json().get("url").asText();
        assertThat(url).startsWith(cluster.url() + "/files?").contains("X-Amz-Signature=").contains("X-Amz-Expires=600")
                .doesNotContain(TestClusters.ROOT_SECRET);

        HttpResponse<String> opened = anonymous(url);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).isEqualTo("the photo");
        // The signature covers the key and the expiry: changed, the link is no credential at all.
        assertThat(anonymous(url.replace("photo.jpg", "secret.txt")).statusCode()).isEqualTo(401);
        assertThat(anonymous(url.replace("X-Amz-Expires=600", "X-Amz-Expires=601")).statusCode()).isEqualTo(401);

        assertThat(http.post(Http.file("shared/photo.jpg") + "/share?expires=604801").status()).isEqualTo(400);
        assertThat(http.post(Http.file("shared/none.jpg") + "/share").status()).isEqualTo(404);
    }

    @Test
    void anUploadInPartsResumesWithThePartsStoredAndMakesTheWholeFile() throws Exception {
        byte[] first = random(5 << 20, 1);
        byte[] second = random(5 << 20, 2);
        byte[] last = random(12_345, 3);
        JsonNode created = http.post("/uploads?key=parts/big.bin").json();
        String id = created.get("upload_id").asText();
        String part = "/uploads/" + id + "/%d?key=parts/big.bin";
        String etag1 = http.put(part.formatted(1), first).json().get("etag").asText();
        // The connection drops here; the client comes back, asks what is stored, and sends only the rest.
        JsonNode stored = http.get("/uploads/" + id + "?key=parts/big.bin").json().get("parts");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("part").asInt()).isEqualTo(1);
        assertThat(stored.get(0).get("size").asLong()).isEqualTo(first.length);
        String etag2 = http.put(part.formatted(2), second).json().get("etag").asText();
        String etag3 = http.put(part.formatted(3), last).json().get("etag").asText();

        Http.Response wrong = http.postJson("/uploads/" + id + "?key=parts/big.bin", Map.of("parts", List.of(
                Map.of("part", 1, "etag", etag1), Map.of("part", 2, "etag", etag1))));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);

        Http.Response done = http.postJson("/uploads/" + id + "?key=parts/big.bin", Map.of("parts", List.of(
                Map.of("part", 1, "etag", etag1), Map.of("part", 2, "etag", etag2), Map.of("part", 3, "etag", etag3))));
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(done.json().get("size").asLong()).isEqualTo(first.length + second.length + last.length);
        assertThat(done.json().get("etag").asText()).endsWith("-3");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(first);
        whole.writeBytes(second);
        whole.writeBytes(last);
        assertThat(http.get("/files?key=parts/big.bin").body()).isEqualTo(whole.toByteArray());
        assertThat(http.get("/uploads/" + id + "?key=parts/big.bin").status()).as("a completed upload is closed")
                .isEqualTo(404);
    }

    @Test
    void aPartWithAContentDigestIsCheckedAndListedWithItsSha256() throws Exception {
        byte[] body = random(5 << 20, 4);
        String id = http.post("/uploads?key=parts/digested.bin").json().get("upload_id").asText();
        String part = "/uploads/" + id + "/%d?key=parts/digested.bin";
        Http.Response lying = putWithDigest(part.formatted(1), body, digest(random(5 << 20, 5)));
        assertThat(lying.status()).as(lying.toString()).isEqualTo(400);
        assertThat(lying.json().get("error").asText()).isEqualTo("CHECKSUM_MISMATCH");
        assertThat(http.get("/uploads/" + id + "?key=parts/digested.bin").json().get("parts")).as("nothing stored")
                .isEmpty();
        assertThat(putWithDigest(part.formatted(1), body, "sha-256=:short:").status()).as("not 32 bytes")
                .isEqualTo(400);
        assertThat(putWithDigest(part.formatted(1), body, "md5=:" + b64(new byte[16]) + ":").status())
                .as("an algorithm not checked here is refused, not ignored").isEqualTo(400);

        String sha256 = b64(sha256(body));
        Http.Response stored = putWithDigest(part.formatted(1), body, "sha-512=:" + b64(new byte[64])
                + ":, sha-256=:" + sha256 + ":");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().get("sha256").asText()).isEqualTo(sha256);
        JsonNode listed = http.get("/uploads/" + id + "?key=parts/digested.bin").json().get("parts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("sha256").asText()).as("what a resuming client compares with its file")
                .isEqualTo(sha256);
    }

    @Test
    void aFileWithAContentDigestIsCheckedAndItsDownloadCarriesReprDigest() throws Exception {
        byte[] body = random(300_000, 6);
        Http.Response refused = putWithDigest(Http.file("digest/wrong.bin"), body, digest(bytes("other")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(http.get("/files?key=digest/wrong.bin").status()).as("nothing stored").isEqualTo(404);

        assertThat(putWithDigest(Http.file("digest/right.bin"), body, digest(body)).status()).isEqualTo(201);
        Http.Response download = http.get("/files?key=digest/right.bin");
        assertThat(download.header("Repr-Digest")).isEqualTo(digest(body));
        assertThat(http.get(Http.file("digest/right.bin") + "/metadata").json().get("sha256").asText())
                .isEqualTo(b64(sha256(body)));
        try (var s3 = S3Clients.sync(cluster.s3Url(), true, true)) {
            assertThat(s3.headObject(b -> b.bucket("default").key("digest/right.bin")
                    .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED)).checksumSHA256())
                    .as("the same record as S3's x-amz-checksum-sha256").isEqualTo(b64(sha256(body)));
        }
        http.put(Http.file("digest/none.bin"), body);
        assertThat(http.get("/files?key=digest/none.bin").header("Repr-Digest")).as("none declared").isNull();
    }

    private static Http.Response putWithDigest(String path, byte[] body, String digest) {
        return http.send(http.request(path).header("Content-Digest", digest)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static String digest(byte[] body) throws Exception {
        return "sha-256=:" + b64(sha256(body)) + ":";
    }

    private static byte[] sha256(byte[] body) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(body);
    }

    private static String b64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aSmallPartBeforeTheLastIsRefusedAndAnAbortedUploadIsGone() {
        String id = http.post("/uploads?key=parts/small.bin").json().get("upload_id").asText();
        String etag1 = http.put("/uploads/" + id + "/1?key=parts/small.bin", bytes("tiny")).json().get("etag").asText();
        String etag2 = http.put("/uploads/" + id + "/2?key=parts/small.bin", bytes("end")).json().get("etag").asText();
        Http.Response refused = http.postJson("/uploads/" + id + "?key=parts/small.bin", Map.of("parts", List.of(
                Map.of("part", 1, "etag", etag1), Map.of("part", 2, "etag", etag2))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("ENTITY_TOO_SMALL");
        assertThat(http.get("/files?key=parts/small.bin").status()).isEqualTo(404);

        assertThat(http.delete("/uploads/" + id + "?key=parts/small.bin").status()).isEqualTo(200);
        assertThat(http.get("/uploads/" + id + "?key=parts/small.bin").status()).isEqualTo(404);
        assertThat(http.put("/uploads/" + id + "/3?key=parts/small.bin", bytes("late")).status()).isEqualTo(404);
        assertThat(http.post("/uploads").status()).as("no key").isEqualTo(400);
    }

    @Test
    void uploadsInProgressAreListedByKeyAndAgeUnderAPrefixPageByPageUntilCompletedOrAborted() {
        http.put("/buckets/listed", new byte[0]);
        String first = http.post("/uploads?bucket=listed&key=videos/a.mp4").json().get("upload_id").asText();
        String second = http.post("/uploads?bucket=listed&key=videos/a.mp4").json().get("upload_id").asText();
        String other = http.post("/uploads?bucket=listed&key=videos/b.mp4").json().get("upload_id").asText();
        String elsewhere = http.post("/uploads?bucket=listed&key=music/c.mp3").json().get("upload_id").asText();

        JsonNode all = http.get("/uploads?bucket=listed&prefix=videos/").json();
        assertThat(all.get("uploads").findValuesAsText("upload_id")).containsExactly(first, second, other);
        assertThat(all.get("uploads").findValuesAsText("key")).containsExactly("videos/a.mp4", "videos/a.mp4",
                "videos/b.mp4");
        assertThat(all.get("uploads").get(0).get("initiated_at").asText()).endsWith("Z");
        assertThat(all.has("next")).isFalse();

        JsonNode page = http.get("/uploads?bucket=listed&prefix=videos/&limit=2").json();
        assertThat(page.get("uploads").findValuesAsText("upload_id")).containsExactly(first, second);
        JsonNode next = page.get("next");
        JsonNode rest = http.get("/uploads?bucket=listed&prefix=videos/&limit=2&after_key="
                + next.get("after_key").asText() + "&after_id=" + next.get("after_id").asText()).json();
        assertThat(rest.get("uploads").findValuesAsText("upload_id")).containsExactly(other);
        assertThat(rest.has("next")).isFalse();

        assertThat(http.delete("/uploads/" + first + "?bucket=listed&key=videos/a.mp4").status()).isEqualTo(200);
        assertThat(http.get("/uploads?bucket=listed").json().get("uploads").findValuesAsText("upload_id"))
                .containsExactly(elsewhere, second, other);
        expectError(http.get("/uploads?bucket=listed&limit=0"), 400, "INVALID_ARGUMENT");
        expectError(http.get("/uploads?bucket=listed&after_key=videos/a.mp4"), 400, "INVALID_ARGUMENT");
        expectError(http.get("/uploads?bucket=no-such-bucket"), 404, "NO_SUCH_BUCKET");
    }

    @Test
    void filesAndFoldersComeAsOneZipNamedBelowTheFolderShown() throws Exception {
        http.put(Http.file("zip/top.txt"), bytes("top"));
        http.put(Http.file("zip/docs/a.md"), bytes("a"));
        http.put(Http.file("zip/docs/deep/b.md"), bytes("b"));
        http.put(Http.file("zip/other.txt"), bytes("not asked for"));
        Http.Response zip = http.get("/archive?key=zip/top.txt&prefix=zip/docs/&base=zip/&name=mine");
        assertThat(zip.status()).as(zip.toString()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        assertThat(zip.header("Content-Disposition")).contains("mine.zip");
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsExactly(Map.entry("top.txt", "top"), Map.entry("docs/a.md", "a"),
                Map.entry("docs/deep/b.md", "b"));
        assertThat(http.get("/archive").status()).as("nothing named").isEqualTo(400);
    }

    private static HttpResponse<String> anonymous(String url) throws Exception {
        return ANONYMOUS.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
