package io.cairn.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation (a plain address is a network of one). Addresses are parsed as literals
 * only: nothing here ever resolves a host name, which would let a policy or a request make the server query DNS.
 */
record IpRange(byte[] network, int prefixBits) {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** What an IPv6 literal may contain; checked first so the JDK's parser takes its literal path, never DNS. */
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /** A network, or empty if the text is neither an address nor an address with a valid prefix length. */
    static Optional<IpRange> parse(String text) {
        int slash = text.indexOf('/');
        Optional<byte[]> network = address(slash < 0 ? text : text.substring(0, slash));
        if (network.isEmpty()) {
            return Optional.empty();
        }
        int bits = network.get().length * 8;
        if (slash < 0) {
            return Optional.of(new IpRange(network.get(), bits));
        }
        String length = text.substring(slash + 1);
        return length.matches("\\d{1,3}") && Integer.parseInt(length) <= bits
                ? Optional.of(new IpRange(network.get(), Integer.parseInt(length))) : Optional.empty();
    }

    /** The bytes of an IPv4 (4 bytes) or IPv6 (16 bytes) literal; an IPv4-mapped IPv6 address is IPv4. */
    static Optional<byte[]> address(String text) {
        Matcher v4 = V4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (!text.contains(":") || !V6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || ((address[whole] ^ network[whole]) & mask) == 0;
    }
}
