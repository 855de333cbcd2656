package io.cairn.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's own trust manager (PKIX, host names checked where the connection asks), over chosen certificates. */
public final class TrustStores {
    private TrustStores() {
    }

    /** Trusts chains that end in one of {@code anchors}, and nothing else. */
    public static X509ExtendedTrustManager trusting(Collection<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            return fromFactory(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK refused a trust anchor", e);
        }
    }

    /** What the JVM trusts by default (its cacerts, or {@code javax.net.ssl.trustStore}). */
    public static X509ExtendedTrustManager jvmDefault() {
        try {
            return fromFactory(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's trust store cannot be read", e);
        }
    }

    private static X509ExtendedTrustManager fromFactory(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK has no X.509 trust manager");
    }
}
