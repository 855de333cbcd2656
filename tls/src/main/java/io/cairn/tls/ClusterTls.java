package io.cairn.tls;

import io.cairn.auth.ClusterSecret;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One process's place in the cluster's TLS: the CA derived from the cluster secret, and a certificate the process
 * issued itself for a key of its own, which it presents as a server and as a client. The certificate is issued again
 * once half its validity has passed (at the next handshake), so a process that runs for years never presents an
 * expired one. Thread-safe.
 */
public final class ClusterTls implements KeySource {
    public static final Duration LEAF_VALIDITY = Duration.ofDays(365);

    private final ClusterCa ca;
    private final String commonName;
    private final List<String> names;
    private final Duration validity;
    private final Clock clock;
    private final SourcedKeyManager keyManager;
    private final ClusterTrustManager trust;
    private final SSLContext context;
    private volatile Leaf leaf;

    private record Leaf(KeyMaterial material, Instant renewAt) {
    }

    /**
     * @param commonName names the process in its certificate, e.g. {@code cairn node n-4f2a}
     * @param names      host names and addresses the process is reached at (subject alternative names)
     */
    public ClusterTls(ClusterSecret secret, String commonName, Collection<String> names) {
        this(ClusterCa.derive(secret), commonName, names, LEAF_VALIDITY, Clock.systemUTC());
    }

    ClusterTls(ClusterCa ca, String commonName, Collection<String> names, Duration validity, Clock clock) {
        this.ca = ca;
        this.commonName = commonName;
        this.names = List.copyOf(names);
        this.validity = validity;
        this.clock = clock;
        this.leaf = issue();
        this.keyManager = new SourcedKeyManager(this);
        this.trust = ClusterTrustManager.of(ca.certificate());
        this.context = context(keyManager);
    }

    public ClusterCa ca() {
        return ca;
    }

    @Override
    public KeyMaterial current() {
        Leaf now = leaf;
        if (clock.instant().isBefore(now.renewAt())) {
            return now.material();
        }
        synchronized (this) {
            if (!clock.instant().isBefore(leaf.renewAt())) {
                leaf = issue();
            }
            return leaf.material();
        }
    }

    private Leaf issue() {
        Instant now = clock.instant();
        return new Leaf(ca.issue(commonName, names, now, validity), now.plus(validity.dividedBy(2)));
    }

    /** Presents this process's certificate, renewed as needed. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** Trusts the cluster CA and nothing else, either way: for peers that are always processes of the cluster. */
    public X509ExtendedTrustManager trustManager() {
        return trust;
    }

    /**
     * TLS for this process's calls and internal ports: its own certificate; peers from the cluster CA, and servers
     * also by the JVM's trust store (see {@link ClusterTrustManager#withPublicServers}).
     */
    public SSLContext context() {
        return context;
    }

    /** The same trust with another key: a port that presents the operator's certificate to users. */
    public SSLContext context(X509ExtendedKeyManager keys) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {keys}, new TrustManager[] {trust.withPublicServers()}, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterTls[" + commonName + ", " + ca + "]";
    }
}
