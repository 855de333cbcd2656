package io.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import io.cairn.core.Json;
import io.cairn.http.PercentCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A small test client for the REST API: what curl would do, with JSON parsed for assertions. */
final class Http {
    private final HttpClient client;
    private final String base;
    /** The {@code X-API-Key} or {@code Authorization} value sent with every request; null for none. */
    private final String credential;
    private final Duration timeout;

    /** Signs in as the test clusters' root user. */
    Http(String base) {
        this(client(null), base, basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET), Duration.ofMinutes(5));
    }

    private Http(HttpClient client, String base, String credential, Duration timeout) {
        this.client = client;
        this.base = base;
        this.credential = credential;
        this.timeout = timeout;
    }

    /**
     * To the REST API of one of the cluster's controllers, as the root user; over https:// trusting the cluster's CA
     * as curl would with {@code --cacert} (the host name is checked), when the cluster serves TLS.
     */
    static Http to(LocalCluster cluster, int controller) {
        String url = cluster.url(controller);
        return new Http(client(url.startsWith("https://") ? TestClusters.trusting(cluster.caCertificate()) : null),
                url, basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET), Duration.ofMinutes(5));
    }

    /**
     * To a process's REST API at an {@code https://} URL, as the root user, trusting {@code ca} alone as curl would
     * with {@code --cacert} (the host name is checked).
     */
    static Http trusting(String base, X509Certificate ca) {
        return new Http(client(TestClusters.trusting(ca)), base, basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET),
                Duration.ofMinutes(5));
    }

    /** @param tls null for plain HTTP */
    private static HttpClient client(SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        return (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** Signs in with the legacy API key instead. */
    Http withKey(String key) {
        return new Http(client, base, key, timeout);
    }

    /** Signs in with this access key and secret instead. */
    Http as(String accessKey, String secret) {
        return new Http(client, base, basic(accessKey, secret), timeout);
    }

    /** Sends no credential at all. */
    Http anonymous() {
        return new Http(client, base, null, timeout);
    }

    static String basic(String accessKey, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (accessKey + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Gives up on a request after {@code timeout}, e.g. one sent on a connection a stopped server left open. */
    Http withTimeout(Duration timeout) {
        return new Http(client, base, credential, timeout);
    }

    String url(String path) {
        return base + path;
    }

    static String file(String name) {
        return "/files/" + PercentCodec.encodePath(name);
    }

    static String download(String name) {
        return "/download/" + PercentCodec.encodePath(name);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (credential != null) {
            b.header(credential.startsWith("Basic ") ? "Authorization" : "X-API-Key", credential);
        }
        return b;
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> stream(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response postJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body))).build());
    }

    Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    Response put(String path, byte[] body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Response putStream(String path, InputStream body, long length) {
        HttpRequest.BodyPublisher publisher = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> body);
        return send(request(path).PUT(publisher).build());
    }

    record Response(int status, byte[] body, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + new String(body), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + (body.length < 2000 ? new String(body) : body.length + " bytes");
        }
    }
}
