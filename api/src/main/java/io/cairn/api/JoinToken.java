package io.cairn.api;

import io.cairn.auth.JoinSecret;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What {@code --join-token} takes, in one of two formats behind a prefix that says which:
 * <ul>
 * <li>{@code cairn-join-v2-<id>.<secret>} ({@link Enrollment}), what {@code cairn admin join-token} creates: 8 random
 * bytes of id and 16 of secret, both hex. It opens the cluster secret at a controller's enrollment endpoint a limited
 * number of times before it expires; the controllers keep only its secret sealed under the cluster's master key.</li>
 * <li>{@code cairn-join-v1-<cluster secret>} ({@link ClusterSecretToken}), the cluster secret itself (Garage's model:
 * whoever ever held it is a member for good). Still taken, for existing deployments and scripts that build it from
 * {@code cluster.secret}.</li>
 * </ul>
 */
public sealed interface JoinToken {
    String V1_PREFIX = "cairn-join-v1-";
    String V2_PREFIX = "cairn-join-v2-";
    int ID_BYTES = 8;

    /** A v1 token: the cluster secret itself. */
    static String of(ClusterKey key) {
        return V1_PREFIX + key.hex();
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing the token */
    static JoinToken parse(String token) {
        String text = token.strip();
        if (text.startsWith(V1_PREFIX)) {
            return new ClusterSecretToken(ClusterKey.parse(text.substring(V1_PREFIX.length())));
        }
        if (text.startsWith(V2_PREFIX)) {
            String rest = text.substring(V2_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot < 0 || !Enrollment.ID.matcher(rest.substring(0, dot)).matches()) {
                throw new IllegalArgumentException("a " + V2_PREFIX + " token is " + V2_PREFIX + "<"
                        + 2 * ID_BYTES + " hex digits>.<" + 2 * JoinSecret.LENGTH + " hex digits>");
            }
            return new Enrollment(rest.substring(0, dot), JoinSecret.parse(rest.substring(dot + 1)));
        }
        throw new IllegalArgumentException("not a Cairn join token (they start with " + V2_PREFIX + " or "
                + V1_PREFIX + ")");
    }

    /** A v1 token, the cluster secret itself. */
    record ClusterSecretToken(ClusterKey key) implements JoinToken {
    }

    /**
     * A v2 token: an id the controllers know it by, and a secret they keep sealed.
     *
     * @param id 16 lower-case hex digits
     */
    record Enrollment(String id, JoinSecret secret) implements JoinToken {
        static final Pattern ID = Pattern.compile("[0-9a-f]{" + 2 * ID_BYTES + "}");

        public Enrollment {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a join token's id is " + 2 * ID_BYTES + " lower-case hex digits");
            }
        }

        public static Enrollment generate() {
            byte[] id = new byte[ID_BYTES];
            new SecureRandom().nextBytes(id);
            return new Enrollment(HexFormat.of().formatHex(id), JoinSecret.generate());
        }

        /** The token as {@code --join-token} takes it. */
        public String text() {
            return V2_PREFIX + id + "." + secret.hex();
        }

        @Override
        public String toString() {
            return "JoinToken.Enrollment[id=" + id + "]";
        }
    }
}
