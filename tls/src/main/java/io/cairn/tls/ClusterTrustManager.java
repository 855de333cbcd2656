package io.cairn.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a chain that the cluster CA issued, whatever host name it names: anyone who holds the cluster secret can
 * issue a certificate for any name, so checking the name would prove nothing the chain does not, and would only fail
 * where a process is reached by a name it did not know to put in its certificate.
 *
 * <p>Clients (the other end of a server's connection) must always have a chain from the cluster CA. A server may
 * instead, when this manager is built {@linkplain #withPublicServers() with public servers}, have a certificate the
 * JVM's own trust store accepts for the host name it was reached at: a controller that serves users with an
 * operator's certificate ({@code --tls-cert}) on the port its peers call too.
 */
public final class ClusterTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager cluster;
    private final X509ExtendedTrustManager publicServers;

    private ClusterTrustManager(X509ExtendedTrustManager cluster, X509ExtendedTrustManager publicServers) {
        this.cluster = cluster;
        this.publicServers = publicServers;
    }

    /** Trusts chains from the CA only, for clients and servers alike. */
    public static ClusterTrustManager of(X509Certificate ca) {
        return new ClusterTrustManager(TrustStores.trusting(List.of(ca)), null);
    }

    /** The same, and for servers also what the JVM trusts by default, with the usual host name check. */
    public ClusterTrustManager withPublicServers() {
        return new ClusterTrustManager(cluster, TrustStores.jvmDefault());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        cluster.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        cluster.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        cluster.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        cluster.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(chain, authType, () -> publicServers.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain, authType, () -> publicServers.checkServerTrusted(chain, authType, engine));
    }

    /** @param publicCheck the JVM's check, with the connection so it can match the host name */
    private void checkServer(X509Certificate[] chain, String authType, Check publicCheck)
            throws CertificateException {
        try {
            cluster.checkServerTrusted(chain, authType);
        } catch (CertificateException notOurs) {
            if (publicServers == null) {
                throw notOurs;
            }
            publicCheck.run();
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }

    /** The cluster CA only: what a server asks its clients for. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return cluster.getAcceptedIssuers();
    }
}
