package io.cairn.raft;

import java.util.Objects;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS between the controllers' Raft endpoints: each presents its certificate and accepts only peers whose
 * certificate the trust manager accepts (the cluster CA's), so a process without the cluster secret can neither join
 * the group nor read its log.
 */
public record PeerTls(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {
    public PeerTls {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(trust, "trust");
    }
}
