package io.cairn.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that presents whatever its {@link KeySource} holds now: the JDK's own key manager over the current key,
 * rebuilt when the source hands out a new one. The choice of alias asks the source; the key and chain then come from
 * the same snapshot (a change in between costs that one handshake at most).
 */
public final class SourcedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "cairn";
    /** The key store lives in memory only; its password protects nothing but is required. */
    private static final char[] PASSWORD = "cairn".toCharArray();

    private final KeySource source;
    private volatile Snapshot snapshot;

    private record Snapshot(KeyMaterial material, X509ExtendedKeyManager manager) {
    }

    public SourcedKeyManager(KeySource source) {
        this.source = source;
        this.snapshot = snapshot(source.current());
    }

    private X509ExtendedKeyManager refreshed() {
        KeyMaterial now = source.current();
        Snapshot seen = snapshot;
        if (seen.material() != now) {
            seen = snapshot(now);
            snapshot = seen;
        }
        return seen.manager();
    }

    private static Snapshot snapshot(KeyMaterial material) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, material.key(), PASSWORD, material.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            return new Snapshot(material, (X509ExtendedKeyManager) factory.getKeyManagers()[0]);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK refused a key: " + material, e);
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return refreshed().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return refreshed().chooseEngineClientAlias(keyTypes, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return refreshed().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return refreshed().chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return snapshot.manager().getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return snapshot.manager().getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return snapshot.manager().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return snapshot.manager().getPrivateKey(alias);
    }
}
