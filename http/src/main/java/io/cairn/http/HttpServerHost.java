package io.cairn.http;

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
 * port, which {@link #port()} reports after {@link #start()}.
 */
public final class HttpServerHost implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /** @param tls null for plain HTTP */
    public HttpServerHost(String host, int port, Handler handler, ServerTls tls) {
        VirtualThreadPool threads = new VirtualThreadPool();
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
        connector.setIdleTimeout(120_000);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new JsonErrorHandler(handler instanceof ExchangeHandler api ? api.errorPage()
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
