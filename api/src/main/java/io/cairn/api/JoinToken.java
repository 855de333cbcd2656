package io.cairn.api;

/**
 * What {@code cairn admin join-token} prints and {@code --join-token} takes. Today it carries the cluster secret itself
 * (Garage's model: whoever holds it is a member), behind a prefix that says what it is and lets the format change.
 */
public final class JoinToken {
    private static final String PREFIX = "cairn-join-v1-";

    private JoinToken() {
    }

    public static String of(ClusterKey key) {
        return PREFIX + key.hex();
    }

    public static ClusterKey parse(String token) {
        String text = token.strip();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Cairn join token (they start with " + PREFIX + ")");
        }
        return ClusterKey.parse(text.substring(PREFIX.length()));
    }
}
