package io.cairn.app.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of a process's ports.
 *
 * @param internal whether the cluster's processes talk to each other over mutual TLS with certificates from the cluster
 *                 CA (INTERNAL_TLS)
 * @param clients  what the REST and S3 APIs present to users (TLS, TLS_CERT and TLS_KEY)
 */
public record TlsSettings(Internal internal, Clients clients) {
    /** Internal TLS as the process's address decides, and plain HTTP for users unless internal TLS is on. */
    public static final TlsSettings DEFAULT = new TlsSettings(Internal.AUTO, new Clients.Off());

    public TlsSettings {
        Objects.requireNonNull(internal, "internal");
        Objects.requireNonNull(clients, "clients");
    }

    public enum Internal {
        /** On unless the process binds a loopback address only: then nothing outside the machine can reach it. */
        AUTO,
        ON,
        OFF
    }

    /** The certificate the user-facing APIs present. */
    public sealed interface Clients {
        /** Plain HTTP for users (the REST port still has TLS where internal TLS is on). */
        record Off() implements Clients {
        }

        /** A certificate from the cluster CA, which clients trust with {@code cairn admin ca-cert}. */
        record ClusterIssued() implements Clients {
        }

        /** The operator's certificate chain and key, PEM, read again when they change. */
        record Files(Path certificate, Path key) implements Clients {
            public Files {
                Objects.requireNonNull(certificate, "certificate");
                Objects.requireNonNull(key, "key");
            }
        }
    }
}
