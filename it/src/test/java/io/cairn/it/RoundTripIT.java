package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files in, identical files out, through the REST API of a real in-JVM cluster. */
class RoundTripIT extends SharedClusterTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, TestClusters.CHUNK - 1, TestClusters.CHUNK, TestClusters.CHUNK + 1, 3 * TestClusters.CHUNK + 17})
    void rawPutThenDownloadIsIdentical(int size) {
        byte[] content = Data.random(size, size);
        String name = "raw/size-" + size + ".bin";
        Http.Response put = http.put(Http.file(name), content);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(put.json().get("size").asLong()).isEqualTo(size);
        assertThat(put.json().get("chunks").asInt()).isEqualTo((size + TestClusters.CHUNK - 1) / TestClusters.CHUNK);
        Http.Response get = http.get(Http.download(name));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(http.get(Http.file(name)).body()).isEqualTo(content);
    }

    @Test
    void multipartUploadThenDownloadIsIdentical() {
        byte[] content = Data.random(2 * TestClusters.CHUNK + 5, 99);
        Http.Response up = http.send(multipart(http, "/upload?replication_factor=3", "form/é ü.bin", content));
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().get("filename").asText()).isEqualTo("form/é ü.bin");
        assertThat(up.json().get("replication_factor").asInt()).isEqualTo(3);
        assertThat(http.get(Http.download("form/é ü.bin")).body()).isEqualTo(content);
        var chunks = http.get(Http.file("form/é ü.bin") + "/chunks").json().get("chunks");
        assertThat(chunks).hasSize(3);
        chunks.forEach(c -> assertThat(c.get("replicas")).hasSize(3));
    }

    @Test
    void hundredMebibytesStreamThrough() throws Exception {
        long size = 100L << 20;
        Http.Response put = http.putStream(Http.file("big/100m.bin"), Data.stream(size, 100), size);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        var response = http.stream(http.request(Http.download("big/100m.bin")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(Data.sha256(response.body())).isEqualTo(Data.sha256(size, 100));
    }

    @Test
    void chunkedTransferWithoutContentLength() throws Exception {
        long size = 3L * TestClusters.CHUNK + 123;
        Http.Response put = http.putStream(Http.file("chunked.bin"), Data.stream(size, 5), -1);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(Data.sha256(http.get(Http.download("chunked.bin")).body())).isEqualTo(Data.sha256(size, 5));
    }

    @Test
    void sixteenConcurrentUploadsAndDownloads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    byte[] content = Data.random(TestClusters.CHUNK * 2 + n * 1000, 1000 + n);
                    String name = "concurrent/" + n;
                    assertThat(http.put(Http.file(name), content).status()).isEqualTo(201);
                    assertThat(http.get(Http.download(name)).body()).isEqualTo(content);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.get("/files?prefix=concurrent/").json().get("files")).hasSize(16);
    }

    @Test
    void namesAreKeysWithAnyUtf8() {
        for (String name : List.of("a b+c.txt", "日本/語.txt", "100%.txt", "deep/er/still/file", "x#y?z=1")) {
            byte[] content = name.getBytes(StandardCharsets.UTF_8);
            assertThat(http.put(Http.file(name), content).status()).as(name).isEqualTo(201);
            assertThat(http.get(Http.download(name)).body()).as(name).isEqualTo(content);
        }
    }

    static HttpRequest multipart(Http http, String path, String filename, byte[] content) {
        String boundary = "cairn-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }
}
