package io.cairn.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import io.cairn.tls.Pem;
import io.cairn.tls.TrustStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The CLI's one HTTP client for a gateway: HTTP/1.1 keep-alive connections from the JDK client, the API key on every
 * request, bodies streamed both ways, and every failure turned into a {@link CliException} by {@link CliErrors}.
 * Thread-safe (the benchmark shares one across its workers).
 */
final class RestClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For small JSON calls only; transfers have no overall limit because a large file may take long. */
    private static final Duration JSON_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER_AGENT = "cairn-cli/0.1";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final Credential credential;
    private final String bucket;
    private final HttpClient http;

    /** @param tls null for the JVM's own trust */
    RestClient(URI base, Credential credential, String bucket, SSLContext tls) {
        this.base = base;
        this.credential = credential;
        this.bucket = bucket;
        this.http = client(CONNECT_TIMEOUT, tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static RestClient open(ClientOptions options) {
        SSLContext tls = trusting(options.caCert());
        return new RestClient(firstLive(options.url(), tls), options.credential(), options.bucket(), tls);
    }

    private static HttpClient.Builder client(Duration connectTimeout, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout);
        return tls == null ? builder : builder.sslContext(tls);
    }

    /**
     * TLS that trusts the certificates of {@code caFile} and no other (as curl's {@code --cacert}), host names checked
     * as usual; null for the JVM's trust store when no file is given.
     */
    static SSLContext trusting(String caFile) {
        if (caFile == null) {
            return null;
        }
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {TrustStores.trusting(Pem.certificates(Path.of(caFile)))}, null);
            return tls;
        } catch (IOException e) {
            throw CliErrors.usage("--ca-cert: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CliErrors.usage("--ca-cert " + caFile + ": " + e.getMessage());
        }
    }

    /**
     * The first URL of a comma-separated {@code --url} list whose {@code /health} answers, or the first one if none
     * does (so its error is the one reported). Every controller of a group serves the whole API, so any live one
     * will do; a command then talks to that one only.
     */
    static URI firstLive(String urls, SSLContext tls) {
        List<URI> candidates = Arrays.stream((urls == null ? "" : urls).split(",")).map(String::strip)
                .filter(u -> !u.isEmpty()).map(RestClient::baseUri).toList();
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? baseUri(urls) : candidates.getFirst();
        }
        HttpClient probe = client(PROBE_TIMEOUT, tls).build();
        for (URI candidate : candidates) {
            try {
                HttpResponse<Void> health = probe.send(HttpRequest.newBuilder(URI.create(candidate + "/health"))
                        .timeout(PROBE_TIMEOUT).build(), BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return candidate;
                }
            } catch (IOException e) {
                // Down or unreachable: try the next one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return candidates.getFirst();
    }

    /** Validates and normalizes the --url value: http(s), a host, no trailing slash. */
    static URI baseUri(String url) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw CliErrors.usage("not a URL: '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw CliErrors.usage("--url must look like http://HOST:PORT, got '" + url + "'");
        }
        return uri;
    }

    URI base() {
        return base;
    }

    String bucket() {
        return bucket;
    }

    /** A request to {@code base + pathAndQuery} carrying our credential; the path must already be encoded. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("User-Agent", USER_AGENT)
                .header(credential.header(), credential.value());
    }

    /** A POST of {@code body} as JSON. */
    HttpRequest.Builder postJson(String pathAndQuery, Object body) {
        return withJson("POST", pathAndQuery, body);
    }

    /** A request with {@code body}, serialized as JSON, as its body. */
    HttpRequest.Builder withJson(String method, String pathAndQuery, Object body) {
        try {
            return withJsonText(method, pathAndQuery, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request whose body is JSON text as the user wrote it (a policy document), sent byte for byte. */
    HttpRequest.Builder withJsonText(String method, String pathAndQuery, byte[] json) {
        return request(pathAndQuery).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofByteArray(json));
    }

    /** A successful (2xx) answer. */
    record Reply<T>(int status, HttpHeaders headers, T body) {
        long contentLength() {
            return headers.firstValueAsLong("Content-Length").orElse(-1);
        }
    }

    /**
     * Sends a request; a 2xx answer's body goes to {@code onSuccess}, any other answer becomes the server's error
     * (so a download handler never sees an error page as file content).
     */
    <T> Reply<T> send(HttpRequest request, BodyHandler<T> onSuccess) throws InterruptedException {
        HttpResponse<Outcome<T>> response;
        try {
            response = http.send(request, info -> info.statusCode() / 100 == 2
                    ? BodySubscribers.mapping(onSuccess.apply(info), Outcome.Success::new)
                    : BodySubscribers.mapping(BodySubscribers.ofByteArray(), Outcome.Failure::new));
        } catch (IOException e) {
            throw CliErrors.transport(base, e);
        }
        return switch (response.body()) {
            case Outcome.Success<T> s -> new Reply<>(response.statusCode(), response.headers(), s.body());
            case Outcome.Failure<T> f -> throw CliErrors.fromResponse(response.statusCode(), f.body());
        };
    }

    /** Sends a request whose answer streams; the caller closes the stream. */
    Reply<InputStream> stream(HttpRequest request) throws InterruptedException {
        return send(request, BodyHandlers.ofInputStream());
    }

    /** Sends a request and reads its JSON answer as {@code type}. */
    <T> T json(HttpRequest request, Class<T> type) throws InterruptedException {
        byte[] body = send(request, BodyHandlers.ofByteArray()).body();
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw CliErrors.badResponse(request.method() + " " + request.uri().getRawPath(), e);
        }
    }

    /** A small JSON call: a bounded wait, unlike transfers. */
    <T> T json(HttpRequest.Builder request, Class<T> type) throws InterruptedException {
        return json(request.timeout(JSON_TIMEOUT).build(), type);
    }

    <T> T getJson(String pathAndQuery, Class<T> type) throws InterruptedException {
        return json(request(pathAndQuery).GET(), type);
    }

    JsonNode getTree(String pathAndQuery) throws InterruptedException {
        return getJson(pathAndQuery, JsonNode.class);
    }

    /** Aborts anything still in flight: by the time a command closes its client it has consumed what it needs. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** What the body handler produced: the caller's type on 2xx, the raw error body otherwise. */
    private sealed interface Outcome<T> {
        record Success<T>(T body) implements Outcome<T> {
        }

        record Failure<T>(byte[] body) implements Outcome<T> {
        }
    }
}
