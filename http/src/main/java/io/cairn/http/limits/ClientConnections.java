package io.cairn.http.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;

/**
 * Counts one port's open connections by client address (MAX_CONNECTIONS_PER_CLIENT). A connection beyond the limit
 * is not closed at accept: it is put on probation, with a short idle timeout, and the handler answers a request on it
 * 429 and closes it unless the caller proves to be a process of the cluster ({@link #admit}), whose calls must not be
 * refused because a user shares its address (on one machine every process talks over 127.0.0.1), or answers it
 * anyway when it needs no credential ({@code /health}, {@code /ready}). So an address cannot hold more than the limit
 * for longer than the probation, and the cluster's own traffic is never starved by it.
 * <p>
 * A {@link Connection.Listener} on the port's connector; it counts network connections only (a TLS connection's
 * decrypted one is the same connection). Thread-safe.
 */
public final class ClientConnections implements Connection.Listener {
    /** How long a connection beyond the limit may stay open without a request the handler admits. */
    public static final long PROBATION_MILLIS = 10_000;

    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SocketAddress, EndPoint> probation = new ConcurrentHashMap<>();
    /** Where each counted connection comes from: a closed channel no longer says. */
    private final ConcurrentHashMap<EndPoint, InetSocketAddress> counted = new ConcurrentHashMap<>();

    /** @param max connections one address may hold; positive */
    public ClientConnections(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("the connection limit must be positive, got " + max);
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (!(endPoint instanceof SocketChannelEndPoint)
                || !(endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote)) {
            return;
        }
        if (isThisMachine(remote.getAddress())) {
            // The machine's own address is shared by the cluster's processes, the operator's tools and local
            // applications: a limit per remote host means nothing there, and a local process could exhaust the
            // machine anyway. Other loopback addresses (127.0.0.2, ...) are counted like any host.
            return;
        }
        counted.put(endPoint, remote);
        if (open.merge(remote.getAddress(), 1, Integer::sum) > max) {
            probation.put(remote, endPoint);
            endPoint.setIdleTimeout(Math.min(endPoint.getIdleTimeout(), PROBATION_MILLIS));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetSocketAddress remote = counted.remove(connection.getEndPoint());
        if (remote == null) {
            return;
        }
        open.computeIfPresent(remote.getAddress(), (address, count) -> count <= 1 ? null : count - 1);
        probation.remove(remote);
    }

    private static boolean isThisMachine(InetAddress address) {
        // IPv6 has one loopback address (::1); IPv4's 127.0.0.0/8 other than 127.0.0.1 stands for other hosts in tests.
        return address instanceof Inet6Address ? address.isLoopbackAddress()
                : address.getHostAddress().equals("127.0.0.1");
    }

    /** Whether the connection from {@code remote} (address and port) is beyond its address's limit. */
    public boolean overLimit(SocketAddress remote) {
        return remote != null && probation.containsKey(remote);
    }

    /**
     * Lifts the probation of the connection from {@code remote}, whose caller proved to be a process of the cluster:
     * it is served, and keeps the port's usual idle timeout, whatever its address holds.
     */
    public void admit(SocketAddress remote, long idleTimeoutMillis) {
        EndPoint endPoint = remote == null ? null : probation.remove(remote);
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis);
        }
    }

    /** Connections open from {@code address} now. */
    public int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
