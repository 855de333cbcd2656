package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.S3Config;
import io.cairn.gateway.Gateway;
import io.cairn.http.HttpServerHost;
import io.cairn.http.ServerTls;
import io.cairn.s3.S3Settings;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a gateway's S3 endpoint on a port of its own, when the settings ask for one. */
final class S3Server {
    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private S3Server() {
    }

    /**
     * @param tls null for plain HTTP
     * @return the running server, or null when the settings have no S3 endpoint
     */
    static HttpServerHost start(Gateway gateway, ClusterSettings settings, String host, MeterRegistry registry,
                                ServerTls tls) throws Exception {
        S3Config s3 = settings.s3();
        if (s3 == null) {
            return null;
        }
        S3Settings s3Settings = new S3Settings(s3.region(), s3.domains(), settings.chunkSize(),
                settings.maxFileSize());
        HttpServerHost server = new HttpServerHost(host, s3.port(), gateway.s3Handler(s3Settings, registry), tls,
                settings.connections()).start("the S3 API (--s3-port, S3_PORT; -1 turns it off)");
        LOG.info("S3 API on {}:{}{} (region {})", host, server.port(), tls == null ? "" : " over TLS", s3.region());
        return server;
    }
}
