package io.cairn.http;

import javax.net.ssl.SSLContext;

/**
 * TLS on one server port.
 *
 * @param context    the certificate the port presents, and the only issuers it accepts client certificates from
 * @param clientAuth whether a client must, may or need not present a certificate
 */
public record ServerTls(SSLContext context, ClientAuth clientAuth) {

    public enum ClientAuth {
        /** Users' ports: nobody is asked for a certificate. */
        NONE,
        /** Ports that serve users and the cluster's processes alike: a certificate is asked for, not required. */
        WANT,
        /** Ports only the cluster's processes call: no certificate, no connection. */
        NEED
    }
}
