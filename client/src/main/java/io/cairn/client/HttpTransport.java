package io.cairn.client;

import io.cairn.api.ClusterKey;
import io.cairn.api.ErrorBody;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The JDK HTTP client shared by every Cairn-to-Cairn call of a process: pooled HTTP/1.1 keep-alive connections,
 * every request signed with the cluster secret ({@link ClusterKey}), and remote errors turned back into
 * {@link CairnException} with the sender's code. An {@code https://} URL is reached with the process's TLS (its
 * certificate from the cluster CA, which a port with internal TLS asks for), set up on the first such call, so a
 * process that only speaks plain HTTP never pays for it.
 * Thread-safe; one instance per process is enough.
 */
public final class HttpTransport implements AutoCloseable {
    /**
     * The size of the buffers the JDK client reads responses into, unless the JVM was given one. Its default, 16 KiB
     * (what HTTP/2 frames need; only HTTP/1.1 is spoken here), costs every 16 KiB of a chunk a socket read and a pass
     * through the client's flow machinery: a third of a large download's CPU. A connection reads into what is left of
     * its buffer before it takes another, so small answers do not waste one each. Read once, when the JDK client is
     * first used in the process.
     */
    static final int RESPONSE_BUFFER = 256 * 1024;

    static {
        useLargeResponseBuffers();
    }

    /**
     * Sets {@link #RESPONSE_BUFFER} for every JDK HTTP client of the process, unless the JVM was given a size: what
     * {@code main} calls first, so the CLI's own clients (a benchmark's download: half the rate with 16 KiB buffers)
     * get it too. Only takes effect before the process's first JDK HTTP client is used.
     */
    public static void useLargeResponseBuffers() {
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(RESPONSE_BUFFER));
        }
    }

    private final HttpClient plain;
    private final Supplier<SSLContext> tlsContext;
    private final Duration connectTimeout;
    private final ClusterKey clusterKey;
    private final Clock clock;
    private final Duration requestTimeout;
    private volatile HttpClient tls;

    /** @param tls the process's TLS for {@code https://} URLs; asked once, on the first */
    public HttpTransport(ClusterKey clusterKey, Supplier<SSLContext> tls, Duration connectTimeout,
                         Duration requestTimeout) {
        this.plain = client(connectTimeout).build();
        this.tlsContext = tls;
        this.connectTimeout = connectTimeout;
        this.clusterKey = clusterKey;
        this.clock = Clock.systemUTC();
        this.requestTimeout = requestTimeout;
    }

    private static HttpClient.Builder client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    private HttpClient clientFor(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return plain;
        }
        HttpClient secure = tls;
        if (secure == null) {
            synchronized (this) {
                if (tls == null) {
                    tls = client(connectTimeout).sslContext(tlsContext.get()).build();
                }
                secure = tls;
            }
        }
        return secure;
    }

    /** How long one request may take: calls that do several requests' work on the other side allow a multiple. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public HttpRequest.Builder request(String url) {
        URI uri = URI.create(url);
        String pathAndQuery = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        return HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header(ClusterKey.HEADER, clusterKey.sign(pathAndQuery, clock.instant()));
    }

    /**
     * Sends a request; a non-2xx answer becomes a {@link CairnException} carrying the remote error code. The request's
     * timeout bounds the whole exchange as far as {@code handler} reads it: for a handler that takes the whole body
     * (bytes, a chunk into its buffer), a peer that stops sending halfway through fails the call with UNAVAILABLE
     * and the exchange is aborted; the client's own timeout stops counting once the headers are in.
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response;
        CompletableFuture<HttpResponse<T>> exchange = clientFor(request.uri()).sendAsync(request, handler);
        Duration timeout = request.timeout().orElse(requestTimeout);
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new CairnException(ErrorCode.UNAVAILABLE, "timed out: " + request.method() + " " + request.uri()
                    + " (no whole answer within " + timeout.toMillis() + " ms)", e);
        } catch (ExecutionException e) {
            Throwable cause = Futures.unwrap(e.getCause());
            if (cause instanceof HttpTimeoutException) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "timed out: " + request.method() + " "
                        + request.uri(), cause);
            }
            if (cause instanceof CairnException ce) {
                throw ce;
            }
            throw new CairnException(ErrorCode.UNAVAILABLE, "cannot reach " + request.uri().getAuthority() + ": "
                    + describe(cause), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw remoteError(response);
        }
        return response;
    }

    public <T> T getJson(String url, Class<T> type) {
        HttpResponse<byte[]> response = send(request(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return Json.fromBytes(response.body(), type);
    }

    public <T> T postJson(String url, Object body, Class<T> type) {
        byte[] answer = postJson(url, body);
        return type == Void.class ? null : Json.fromBytes(answer, type);
    }

    /** The answer's JSON as it came, for a caller that decodes it to a generic type. */
    public byte[] postJson(String url, Object body) {
        HttpRequest request = request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body))).build();
        return send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static CairnException remoteError(HttpResponse<?> response) {
        byte[] bytes = switch (response.body()) {
            case byte[] b -> b;
            case InputStream in -> readQuietly(in);
            case null, default -> new byte[0];
        };
        try {
            ErrorBody error = Json.MAPPER.readValue(bytes, ErrorBody.class);
            if (error.error() != null) {
                return new CairnException(ErrorCode.fromName(error.error()), error.message());
            }
        } catch (IOException | RuntimeException ignored) {
            // Not one of ours (a proxy, a crash page): fall through to a status-based error.
        }
        // A HEAD answer has no body to say why: its status alone must do.
        ErrorCode code = response.statusCode() >= 500 ? ErrorCode.UNAVAILABLE
                : response.statusCode() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST;
        return new CairnException(code, "HTTP " + response.statusCode() + " from " + response.uri());
    }

    private static byte[] readQuietly(InputStream in) {
        try (in) {
            return in.readNBytes(64 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** {@code url} without its trailing slash, so paths can be appended to it. */
    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Builds {@code base + path + ?k=v&...}, skipping null values. */
    public static String url(String base, String path, Map<String, ?> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                joiner.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        return base + path + joiner;
    }

    public static Map<String, Object> query(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    public void close() {
        plain.close();
        HttpClient secure = tls;
        if (secure != null) {
            secure.close();
        }
    }
}
