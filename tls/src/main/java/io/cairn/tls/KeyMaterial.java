package io.cairn.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first: what one end of a TLS connection presents.
 *
 * @param chain the key's certificate, then the certificates that issued it (a CA the peer trusts may be left out)
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + certificate().getSubjectX500Principal().getName() + ", until " + notAfter() + "]";
    }
}
