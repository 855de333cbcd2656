package io.cairn.http;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import io.cairn.http.limits.BodyPace;
import io.cairn.http.limits.ClientConnections;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its response, seen through blocking streams. Not thread-safe: owned by the virtual thread that
 * runs the route. The response is committed by the first body write; routes set status and headers before that.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final String rawPath;
    private String path;
    private String pathRest = "";
    private Caller caller = new Caller.Anonymous();
    private Fields query;
    /** Every JSON body a server reads is small (requests, not data) unless a route says otherwise. */
    public static final int MAX_JSON_BYTES = 1 << 20;

    private CountingInput counting;
    private InputStream in;
    private CountingOutput out;
    private String routeLabel;
    private String bucket;
    private String key;
    private LongConsumer bodyBytes = n -> {
    };
    private final BodyPace pace;
    private Content.Chunk firstChunk;
    private BodyStream bodyStream;
    private CairnException bodyTimeout;
    private boolean closeConnection;
    private final ClientConnections connections;

    /**
     * @param pace        the port's limits on how slowly the body may come
     * @param first       the body's first chunk, already read (its arrival started the request), or null
     * @param connections the port's count of connections by client address, or null when it has no limit
     */
    Exchange(Request request, Response response, String rawPath, BodyPace pace, Content.Chunk first,
             ClientConnections connections) {
        this.request = request;
        this.response = response;
        this.rawPath = rawPath;
        this.path = rawPath;
        this.pace = pace;
        this.firstChunk = first;
        this.connections = connections;
    }

    /** Set by the handler that checked the request's credentials (the JSON API's, the S3 API's). */
    public void caller(Caller who) {
        this.caller = who;
    }

    /** Who sent this request; {@link Caller.Anonymous} until a handler has checked its credentials. */
    public Caller caller() {
        return caller;
    }

    /** The path and query exactly as sent, still percent-encoded: what a signature covers. */
    public String rawPathAndQuery() {
        String q = rawQuery();
        return q == null ? rawPath : rawPath + "?" + q;
    }

    /** The client's IP address (no port), for policies and limits per address. */
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** Whether the request came over TLS. */
    public boolean isSecure() {
        return request.isSecure();
    }

    /**
     * Whether the client presented a certificate on a TLS port that asks for one. The handshake verified it against
     * the port's trust, which on Cairn's ports is the cluster CA alone: a certificate here proves membership.
     */
    public boolean hasPeerCertificate() {
        return request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls
                && tls.peerCertificates() != null && tls.peerCertificates().length > 0;
    }

    /** Set by the JSON API's router once the path is decoded and matched. */
    void route(String decodedPath, String rest) {
        this.path = decodedPath;
        this.pathRest = rest;
    }

    public String method() {
        return request.getMethod();
    }

    /** The percent-decoded path once routed by {@link ApiHandler}; before that, and for S3, the raw path. */
    public String path() {
        return path;
    }

    /** For a prefix route, the decoded path after the prefix. */
    public String pathRest() {
        return pathRest;
    }

    /**
     * Names what this request is for metrics, when the route that took it serves several kinds (a fallback route that
     * parses the path itself). Metrics never carry raw paths: their cardinality would be unbounded.
     */
    public void routeLabel(String label) {
        this.routeLabel = label;
    }

    public String routeLabel() {
        return routeLabel;
    }

    /**
     * Names the bucket and key this request acts on, for the audit log, once the handler has parsed them; either may
     * be null. The admin API names the user, access key or policy it acts on as the key.
     */
    public void target(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    /** Called with the size of every piece of body read or written from now on, as it flows (rate limits). */
    void meterBodies(LongConsumer bytes) {
        this.bodyBytes = bytes;
    }

    /** A header's value, read as {@link HeaderText#decode} says; null when absent. */
    public String header(String name) {
        return HeaderText.decode(request.getHeaders().get(name));
    }

    /** Every value of every header, by lower-case name, in arrival order, read as {@link HeaderText#decode} says. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            all.computeIfAbsent(field.getLowerCaseName(), n -> new ArrayList<>())
                    .add(HeaderText.decode(field.getValue()));
        }
        return all;
    }

    /** The query string as sent, still percent-encoded, or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** The Host header (or HTTP/2 authority), with its port if one was sent; null if absent. */
    public String host() {
        return request.getHeaders().get(HttpHeader.HOST);
    }

    /** A query parameter (form-decoded as UTF-8), or null when absent. */
    public String query(String name) {
        Fields.Field field = queryFields().get(name);
        return field == null ? null : field.getValue();
    }

    /** Every value of a query parameter given several times ({@code ?key=a&key=b}), in order; empty when absent. */
    public List<String> queryAll(String name) {
        Fields.Field field = queryFields().get(name);
        return field == null ? List.of() : List.copyOf(field.getValues());
    }

    /** The query, parsed on first use; a malformed one ({@code %zz}, not UTF-8) is the client's error. */
    private Fields queryFields() {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Jetty's decoder says IllegalArgument for a bad escape, IllegalState for one cut short ("%").
                throw new CairnException(ErrorCode.INVALID_ARGUMENT,
                        "the query string is not valid percent-encoded UTF-8: " + e.getMessage());
            }
        }
        return query;
    }

    public long queryLong(String name, long defaultValue) {
        String value = query(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, name + " must be an integer, got '" + value + "'");
        }
    }

    /** Declared body length, or -1 when the body is chunked or absent. */
    public long contentLength() {
        return request.getLength();
    }

    public String contentType() {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    /** Reads the body through {@code wrapper} from now on (a check of what the credentials signed). */
    public void wrapBody(UnaryOperator<InputStream> wrapper) {
        in = wrapper.apply(body());
    }

    public InputStream body() {
        if (in == null) {
            // The minimum rate is for clients: a process of the cluster sends from memory, and is never cut off.
            bodyStream = new BodyStream(request, firstChunk, pace, () -> !(caller instanceof Caller.Member));
            firstChunk = null;
            counting = new CountingInput(bodyStream);
            in = counting;
        }
        return in;
    }

    /**
     * The refusal of a body that came too slowly (REQUEST_TIMEOUT), whatever a reader made of it, or null: nothing
     * more is read from such a body, and its connection is closed after the answer.
     */
    CairnException bodyTimeout() {
        if (bodyTimeout == null && bodyStream != null) {
            bodyTimeout = bodyStream.timedOut();
        }
        return bodyTimeout;
    }

    /** The body did not start in time: the request is answered without being served. */
    void bodyTimedOut(CairnException refusal) {
        this.bodyTimeout = refusal;
    }

    /** Asks for the connection to be closed after this response, without reading what is left of the body. */
    void closeConnection() {
        closeConnection = true;
    }

    boolean closesConnection() {
        return closeConnection || bodyTimeout() != null;
    }

    /** Whether this request came on a connection beyond its client address's limit (MAX_CONNECTIONS_PER_CLIENT). */
    boolean overConnectionLimit() {
        return connections != null && connections.overLimit(remoteSocket());
    }

    /** The port's limit of connections per client address, or 0 for none. */
    int connectionLimit() {
        return connections == null ? 0 : connections.max();
    }

    /** The caller proved to be a process of the cluster: its connection is served whatever its address holds. */
    void admitConnection() {
        if (connections != null) {
            connections.admit(remoteSocket(), request.getConnectionMetaData().getConnector().getIdleTimeout());
        }
    }

    private SocketAddress remoteSocket() {
        return request.getConnectionMetaData().getRemoteSocketAddress();
    }

    /** A JSON body of at most {@link #MAX_JSON_BYTES}. */
    public <T> T readJson(Class<T> type) throws IOException {
        return readJson(type, MAX_JSON_BYTES);
    }

    /**
     * A JSON body of at most {@code maxBytes}, read into memory: a larger one is refused (PAYLOAD_TOO_LARGE) before
     * more than that is held.
     */
    public <T> T readJson(Class<T> type, int maxBytes) throws IOException {
        return Json.fromBytes(readBody(maxBytes, type.getSimpleName() + " bodies"), type);
    }

    /**
     * The whole body, of at most {@code maxBytes}, read into memory: a larger one is refused (PAYLOAD_TOO_LARGE, "WHAT
     * are limited to N bytes") before more than that is held.
     */
    public byte[] readBody(int maxBytes, String what) throws IOException {
        byte[] bytes = body().readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new CairnException(ErrorCode.PAYLOAD_TOO_LARGE, what + " are limited to " + maxBytes + " bytes");
        }
        return bytes;
    }

    public Exchange status(int status) {
        response.setStatus(status);
        return this;
    }

    public int status() {
        return response.getStatus();
    }

    public Exchange setHeader(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** A response header set so far, or null. */
    public String responseHeader(String name) {
        return response.getHeaders().get(name);
    }

    public Exchange contentLength(long length) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        return this;
    }

    public OutputStream output() {
        if (out == null) {
            out = new CountingOutput(Content.Sink.asOutputStream(response));
        }
        return out;
    }

    public boolean committed() {
        return response.isCommitted();
    }

    public void sendJson(int status, Object body) throws IOException {
        send(status, "application/json", Json.toBytes(body));
    }

    public void send(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (!"HEAD".equals(method())) {
            output().write(body);
        }
    }

    public long bytesIn() {
        return counting == null ? 0 : counting.count;
    }

    public long bytesOut() {
        return out == null ? 0 : out.count;
    }

    /** Completes the response; called once by the server after the route returns. */
    void finish() throws IOException {
        if (out != null) {
            out.close();
        } else {
            Content.Sink.asOutputStream(response).close();
        }
    }

    /** Gives back the body's buffers this exchange still holds; called once the request is answered. */
    void releaseBody() {
        if (firstChunk != null) {
            firstChunk.release();
            firstChunk = null;
        }
        if (bodyStream != null) {
            bodyStream.close();
        }
    }

    /**
     * Reads and drops up to {@code limit} bytes of the body left after an early response, so a client still sending
     * sees the answer and the connection can be reused. Returns whether the body was used up.
     */
    boolean drainBody(long limit) {
        if (closesConnection()) {
            return false;
        }
        try {
            InputStream body = body();
            byte[] buffer = new byte[64 * 1024];
            long left = limit;
            while (left > 0) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return body.read() < 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                bodyBytes.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                bodyBytes.accept(n);
            }
            return n;
        }
    }

    private final class CountingOutput extends FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
            bodyBytes.accept(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            bodyBytes.accept(len);
        }
    }
}
