package io.cairn.app.cli;

import io.cairn.s3.auth.SigV4Signer;
import io.cairn.s3.auth.SignedRequest;
import io.cairn.s3.auth.UriEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The few S3 requests the benchmark makes, path-style over the JDK's HTTP/1.1 client, signed by the s3 module's
 * {@link SigV4Signer}. Bodies stream: an upload is read from its generator as it is sent, a download is drained and
 * counted, so a request holds a few buffers whatever the object's size. Payloads go {@code UNSIGNED-PAYLOAD}, as warp
 * and minio-go send them for throughput: hashing every byte on the client would measure the client, and it is the
 * same for every server.
 */
final class SignedS3Client implements AutoCloseable {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** A large object on a slow server takes long; a server that stopped answering must not hang the run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int ERROR_BODY_BYTES = 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String basePath;
    private final SigV4Signer signer;

    SignedS3Client(URI endpoint, SigV4Signer signer) {
        if (endpoint.getScheme() == null || endpoint.getHost() == null
                || !List.of("http", "https").contains(endpoint.getScheme())) {
            throw new IllegalArgumentException("not an http(s) endpoint: " + endpoint);
        }
        this.endpoint = endpoint;
        this.basePath = endpoint.getPath() == null ? "" : endpoint.getPath().replaceAll("/+$", "");
        this.signer = signer;
    }

    /** What the server answered: its status, the bytes of its body and, for an error, the start of that body. */
    record Response(int status, long bytes, String errorBody) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    boolean bucketExists(String bucket) throws IOException, InterruptedException {
        Response response = send("HEAD", bucket, null, BodyPublishers.noBody());
        if (response.status() == 404) {
            return false;
        }
        require(response, "HEAD", bucket, null);
        return true;
    }

    void createBucket(String bucket) throws IOException, InterruptedException {
        require(send("PUT", bucket, null, BodyPublishers.noBody()), "PUT", bucket, null);
    }

    void deleteBucket(String bucket) throws IOException, InterruptedException {
        require(send("DELETE", bucket, null, BodyPublishers.noBody()), "DELETE", bucket, null);
    }

    void put(String bucket, String key, long size, Supplier<InputStream> content)
            throws IOException, InterruptedException {
        BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(content), size);
        require(send("PUT", bucket, key, body), "PUT", bucket, key);
    }

    /** The object's bytes, read and counted. */
    long get(String bucket, String key) throws IOException, InterruptedException {
        return require(send("GET", bucket, key, BodyPublishers.noBody()), "GET", bucket, key).bytes();
    }

    void delete(String bucket, String key) throws IOException, InterruptedException {
        require(send("DELETE", bucket, key, BodyPublishers.noBody()), "DELETE", bucket, key);
    }

    private Response send(String method, String bucket, String key, BodyPublisher body)
            throws IOException, InterruptedException {
        String path = basePath + "/" + bucket + (key == null ? "" : "/" + key);
        URI uri = endpoint.resolve(UriEncoder.keepingSlashes(path));
        Map<String, String> signature = signer.sign(new SignedRequest(method, path, List.of(),
                Map.of("host", List.of(host(uri))), Instant.now()), UNSIGNED_PAYLOAD);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(method, body);
        signature.forEach(request::header);
        if (body.contentLength() != 0) {
            request.header("Content-Type", "application/octet-stream");
        }
        HttpResponse<InputStream> response = http.send(request.build(), BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 == 2) {
                return new Response(response.statusCode(), in.transferTo(OutputStream.nullOutputStream()), null);
            }
            byte[] start = in.readNBytes(ERROR_BODY_BYTES);
            return new Response(response.statusCode(), start.length, new String(start, StandardCharsets.UTF_8));
        }
    }

    /** The Host header the JDK client sends for {@code uri}: the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (uri.getScheme().equals("https") ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static Response require(Response response, String method, String bucket, String key) throws IOException {
        if (!response.ok()) {
            String body = response.errorBody() == null ? "" : response.errorBody().replaceAll("\\s+", " ").strip();
            throw new IOException(method + " /" + bucket + (key == null ? "" : "/" + key) + ": HTTP "
                    + response.status() + (body.isEmpty() ? "" : ": " + body));
        }
        return response;
    }

    @Override
    public void close() {
        http.close();
    }
}
