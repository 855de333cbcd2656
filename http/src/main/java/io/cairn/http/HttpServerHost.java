package io.cairn.http;

import io.cairn.http.limits.ClientConnections;
import io.cairn.http.limits.ConnectionLimits;
import java.io.IOException;
import java.net.BindException;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * A Jetty server on one host and port, each request on its own virtual thread, plain HTTP or TLS. Port 0 picks a free
 * port, which {@link #port()} reports after {@link #start()}. The port's {@link ConnectionLimits} bound what slow
 * clients and clients with many connections cost; {@link ExchangeHandler} applies them to each request.
 */
public final class HttpServerHost implements AutoCloseable {
    /**
     * Requests one port runs at once. Jetty's default (200) counts every request in progress, also one waiting for a
     * slow client's body or for transfer memory, and once it is reached nothing more runs, not even {@code /health}
     * or the cluster's own calls. A request takes a thread only once its body flows and is cut off when the body
     * stops flowing; this bound is only what keeps a flood of them from the whole heap.
     */
    static final int MAX_CONCURRENT_REQUESTS = 4096;

    private final Server server;
    private final ServerConnector connector;

    /** With the default limits ({@link ConnectionLimits#DEFAULTS}); {@code tls} null for plain HTTP. */
    public HttpServerHost(String host, int port, Handler handler, ServerTls tls) {
        this(host, port, handler, tls, ConnectionLimits.DEFAULTS);
    }

    /**
     * @param tls    null for plain HTTP
     * @param limits how slowly a request body may come, and how many connections one client address may open
     */
    public HttpServerHost(String host, int port, Handler handler, ServerTls tls, ConnectionLimits limits) {
        VirtualThreadPool threads = new VirtualThreadPool(MAX_CONCURRENT_REQUESTS);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        // Object keys may contain "%2F", "//" and "%25"; the default compliance rejects them (jetty#12467).
        config.setUriCompliance(UriCompliance.LEGACY);
        config.setSendServerVersion(false);
        config.setRequestHeaderSize(16 * 1024);
        // Jetty's parser otherwise hands out a cached field for a known value matched without case
        // ("charset=UTF-8" arrives as "charset=utf-8"), which breaks signatures computed over the exact value (SigV4).
        config.setHeaderCacheCaseSensitive(true);
        HttpConnectionFactory http = new HttpConnectionFactory(config);
        if (tls == null) {
            connector = new ServerConnector(server, 1, 1, http);
        } else {
            // Exposes the client's certificate to the request (RequestAuthenticator). No SNI host check: processes are
            // reached by addresses and names a certificate need not list.
            config.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(sslFactory(tls),
                    http.getProtocol()), http);
        }
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(ConnectionLimits.CONNECTION_IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(1024);
        // Found by ExchangeHandler through the request's connector: each port has its own.
        connector.addBean(limits);
        if (limits.maxConnectionsPerClient() > 0) {
            connector.addEventListener(new ClientConnections(limits.maxConnectionsPerClient()));
        }
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new ErrorPageHandler(handler instanceof ExchangeHandler api ? api.errorPage()
                : ErrorPage.JSON));
        // No graceful drain: clients of a storage system retry and fail over, and a stop should not wait on idle
        // keep-alive connections.
        server.setStopTimeout(0);
    }

    private static SslContextFactory.Server sslFactory(ServerTls tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(tls.context());
        factory.setNeedClientAuth(tls.clientAuth() == ServerTls.ClientAuth.NEED);
        factory.setWantClientAuth(tls.clientAuth() == ServerTls.ClientAuth.WANT);
        return factory;
    }

    /**
     * @param purpose what the port serves and the setting that chose it, e.g. {@code "the S3 API (--s3-port,
     *                S3_PORT)"}: a port already taken is then refused with a message saying what to change
     * @throws IOException naming the address, the purpose and the setting when the port cannot be bound
     */
    public HttpServerHost start(String purpose) throws Exception {
        try {
            server.start();
        } catch (IOException e) {
            closeQuietly();
            throw new IOException("cannot listen on " + connector.getHost() + ":" + connector.getPort() + " for "
                    + purpose + ": " + (e.getCause() instanceof BindException bind ? bind.getMessage()
                    : e.getMessage()) + "; choose another port with that setting", e);
        }
        return this;
    }

    private void closeQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Nothing was served: the failure to bind is what the caller needs to hear about.
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed", e);
        }
    }
}
