package io.cairn.app;

import io.cairn.app.config.ClusterSettings;
import io.cairn.app.config.ConfigException;
import io.cairn.app.config.TlsSettings;
import io.cairn.http.RequestAuthenticator.MemberProof;
import io.cairn.http.ServerTls;
import io.cairn.raft.PeerTls;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.ClusterTls;
import io.cairn.tls.SourcedKeyManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The TLS of one process, decided once from its settings and the address it binds:
 * <ul>
 * <li>a storage node's port: TLS where internal TLS is on, a client certificate wanted: {@code /health} answers a
 * probe without one, every other route needs one of the cluster CA (or, for {@code /metrics}, the metrics token);</li>
 * <li>a controller's or gateway's REST port: TLS where internal TLS is on or users get TLS; with internal TLS it asks
 * for a client certificate without needing one, and a certificate of the cluster CA is what makes a caller a member
 * ({@link MemberProof#CERTIFICATE});</li>
 * <li>the S3 port: TLS where users get TLS;</li>
 * <li>Raft: mutual TLS where internal TLS is on;</li>
 * <li>calls to other processes: {@code https://} URLs with this process's certificate, {@code http://} ones plain.</li>
 * </ul>
 * The process's certificate comes from the cluster CA; users get it too unless the operator gave files of their own.
 * A process without any TLS derives nothing until it first calls an {@code https://} URL.
 */
final class ProcessTls {
    /** How often the operator's certificate files are looked at for a renewal, at most. */
    private static final Duration RELOAD_CHECK = Duration.ofSeconds(5);

    private final ClusterSettings settings;
    private final String commonName;
    private final String bindHost;
    private final Collection<String> hosts;
    private final boolean internal;
    private final boolean forUsers;
    /** What the REST and S3 ports present; null while neither has TLS. */
    private final SSLContext usersContext;
    private volatile ClusterTls cluster;

    private ProcessTls(ClusterSettings settings, String commonName, String bindHost, Collection<String> hosts,
                       boolean internal, X509ExtendedKeyManager operatorKeys) {
        this.settings = settings;
        this.commonName = commonName;
        this.bindHost = bindHost;
        this.hosts = List.copyOf(hosts);
        this.internal = internal;
        this.forUsers = !(settings.security().tls().clients() instanceof TlsSettings.Clients.Off);
        // A process that serves TLS finds out now if it cannot.
        this.usersContext = !internal && !forUsers ? null
                : operatorKeys == null ? cluster().context() : cluster().context(operatorKeys);
    }

    /**
     * @param bindHost   the address the process's ports bind
     * @param commonName names the process in its certificate, e.g. {@code cairn controller c1}
     * @param hosts      host names or addresses other processes and users reach this one at, beyond the machine's own
     *                   (which are always in its certificate)
     * @throws ConfigException when the operator's certificate files do not load
     */
    static ProcessTls of(ClusterSettings settings, String bindHost, String commonName, Collection<String> hosts) {
        TlsSettings tls = settings.security().tls();
        boolean internal = switch (tls.internal()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> !ServerOptions.isLoopback(bindHost);
        };
        X509ExtendedKeyManager operatorKeys = null;
        if (tls.clients() instanceof TlsSettings.Clients.Files files) {
            try {
                operatorKeys = new SourcedKeyManager(CertificateFiles.load(files.certificate(), files.key(),
                        RELOAD_CHECK));
            } catch (IOException e) {
                throw new ConfigException("--tls-cert/--tls-key: " + e.getMessage());
            }
        }
        return new ProcessTls(settings, commonName, bindHost, hosts, internal, operatorKeys);
    }

    /** Whether the cluster's processes talk to this one over mutual TLS. */
    boolean internal() {
        return internal;
    }

    /** A storage node's TLS: null for plain HTTP. */
    SSLContext nodePort() {
        return internal ? cluster().context() : null;
    }

    /** The REST port's TLS (users, and on a controller the cluster's calls): null for plain HTTP. */
    ServerTls apiPort() {
        return usersContext == null ? null : new ServerTls(usersContext,
                internal ? ServerTls.ClientAuth.WANT : ServerTls.ClientAuth.NONE);
    }

    /** The S3 port's TLS: null for plain HTTP. */
    ServerTls s3Port() {
        return forUsers ? new ServerTls(usersContext, ServerTls.ClientAuth.NONE) : null;
    }

    /** {@code https} or {@code http}: how users reach the REST port. */
    String apiScheme() {
        return usersContext == null ? "http" : "https";
    }

    String s3Scheme() {
        return forUsers ? "https" : "http";
    }

    MemberProof memberProof() {
        return internal ? MemberProof.CERTIFICATE : MemberProof.SIGNATURE;
    }

    /** Raft's TLS: null for plain gRPC. */
    PeerTls raft() {
        return internal ? new PeerTls(cluster().keyManager(), cluster().trustManager()) : null;
    }

    /** For calls to {@code https://} URLs of other processes. */
    Supplier<SSLContext> calls() {
        return () -> cluster().context();
    }

    ClusterTls cluster() {
        ClusterTls derived = cluster;
        if (derived == null) {
            synchronized (this) {
                if (cluster == null) {
                    cluster = new ClusterTls(settings.security().clusterKey().secret(), commonName,
                            names(bindHost, hosts, settings));
                }
                derived = cluster;
            }
        }
        return derived;
    }

    /**
     * What the process's certificate is valid for: loopback, the bound address, the hosts given, the S3 domains (and
     * their buckets' virtual hosts), the machine's host name and the addresses of its interfaces.
     */
    private static Set<String> names(String bindHost, Collection<String> hosts, ClusterSettings settings) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.equals("[::]")) {
            names.add(bindHost);
        }
        names.addAll(hosts);
        if (settings.s3() != null) {
            for (String domain : settings.s3().domains()) {
                names.add(domain);
                names.add("*." + domain);
            }
        }
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // A machine whose own name does not resolve is reached by its addresses.
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int scope = text.indexOf('%');
                    names.add(scope < 0 ? text : text.substring(0, scope));
                }
            }
        } catch (SocketException e) {
            // The loopback names and the bound address remain.
        }
        return names;
    }

    @Override
    public String toString() {
        return "ProcessTls[internal=" + internal + ", users=" + settings.security().tls().clients() + "]";
    }
}
