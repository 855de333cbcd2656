package io.cairn.raft;

import io.cairn.core.CairnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One controller of the group as the Raft layer knows it: a stable id and the address of its Raft port.
 *
 * @param id      the controller's name, unique in the group (e.g. {@code c1}); never reused for another machine
 * @param address {@code host:port} of its Raft (gRPC) endpoint
 */
public record ControllerPeer(String id, String address) {
    public ControllerPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw CairnException.invalidArgument("controller id '" + id
                    + "' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
            throw CairnException.invalidArgument("controller " + id + " needs an address host:port, got '"
                    + address + "'");
        }
    }

    /** Parses {@code c1=host1:9870,c2=host2:9870}; ids must be distinct. */
    public static List<ControllerPeer> parseList(String text) {
        List<ControllerPeer> peers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw CairnException.invalidArgument("controller peer '" + item + "' must look like id=host:port");
            }
            ControllerPeer peer = new ControllerPeer(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
            if (!ids.add(peer.id())) {
                throw CairnException.invalidArgument("controller id " + peer.id() + " is listed twice");
            }
            peers.add(peer);
        }
        if (peers.isEmpty()) {
            throw CairnException.invalidArgument("the controller peer list is empty");
        }
        return List.copyOf(peers);
    }

    /**
     * A port free on the loopback interface at this moment, for groups that live on one machine (tests, {@code
     * ./cairn server --controllers N}); another process could take it before it is bound, which is harmless there.
     * Never one this process handed out a moment ago: a group picks all its ports before any of them is bound.
     */
    public static int freeLoopbackPort() {
        // Below the ephemeral ranges (Linux 32768-60999, Windows and macOS 49152-65535): a port picked there cannot be
        // taken by an outgoing connection's local port while its controller restarts, which would fail the bind.
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (!RECENT_PORTS.claim(port)) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // Another process has it: try another.
            }
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RECENT_PORTS.claim(probe.getLocalPort());
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * The ports {@link #freeLoopbackPort} gave out lately, oldest forgotten first. Process-wide on purpose: what it
     * guards against is two callers in one process holding the same not-yet-bound port.
     */
    private static final RecentPorts RECENT_PORTS = new RecentPorts(1024);

    private static final class RecentPorts {
        private final int capacity;
        private final LinkedHashSet<Integer> ports = new LinkedHashSet<>();

        RecentPorts(int capacity) {
            this.capacity = capacity;
        }

        /** Whether {@code port} was not given out lately; it is from now on. */
        synchronized boolean claim(int port) {
            if (!ports.add(port)) {
                return false;
            }
            if (ports.size() > capacity) {
                ports.remove(ports.iterator().next());
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return id + "=" + address;
    }
}
