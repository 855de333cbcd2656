package io.cairn.http;

/** Who sent a request, as its credentials prove. */
public sealed interface Caller {

    /** The user a bucket created by this caller belongs to, for quotas: none for the root user or anyone else. */
    default String bucketOwner() {
        return this instanceof User user && !user.isRoot() ? user.name() : null;
    }

    /** Another process of this cluster: a node, a gateway, a controller. */
    record Member() implements Caller {
    }

    /**
     * A user of the cluster.
     *
     * @param name        the user's name ({@link #ROOT} for the root user)
     * @param accessKeyId the key the request was signed or sent with, for audit; null for the legacy API key
     */
    record User(String name, String accessKeyId) implements Caller {
        public static final String ROOT = "root";

        public boolean isRoot() {
            return ROOT.equals(name);
        }
    }

    /** A monitoring system holding the cluster's metrics token: it may read {@code /metrics} and nothing else. */
    record Monitor() implements Caller {
    }

    /** No credential at all. */
    record Anonymous() implements Caller {
    }
}
