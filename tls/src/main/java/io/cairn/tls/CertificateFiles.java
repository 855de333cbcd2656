package io.cairn.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's certificate and key in two PEM files (as certbot and most tools keep them), read again when either
 * file changes, so a renewed certificate is served without a restart. The files' modification times are looked at, on
 * a handshake, at most once per interval; a pair that does not load (a key not yet written beside its new certificate)
 * is logged and the previous one kept until the files change again. Thread-safe.
 */
public final class CertificateFiles implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateFiles.class);

    private final Path certificate;
    private final Path key;
    private final long intervalNanos;
    private volatile KeyMaterial material;
    /** The modification times last looked at: of the pair loaded, or of one that failed to. */
    private List<FileTime> seen;
    private volatile long nextLook;

    private CertificateFiles(Path certificate, Path key, Duration interval) throws IOException {
        this.certificate = certificate;
        this.key = key;
        this.intervalNanos = interval.toNanos();
        this.seen = times();
        this.material = Pem.keyMaterial(certificate, key);
        this.nextLook = System.nanoTime() + intervalNanos;
    }

    /** @throws IOException when the files cannot be read now, or hold no certificate and matching key */
    public static CertificateFiles load(Path certificate, Path key, Duration interval) throws IOException {
        return new CertificateFiles(certificate, key, interval);
    }

    @Override
    public KeyMaterial current() {
        if (System.nanoTime() - nextLook >= 0) {
            look();
        }
        return material;
    }

    private synchronized void look() {
        long now = System.nanoTime();
        if (now - nextLook < 0) {
            return; // another handshake just looked
        }
        nextLook = now + intervalNanos;
        List<FileTime> times;
        try {
            times = times();
        } catch (IOException e) {
            LOG.warn("cannot look at {} or {}; still serving the certificate loaded before: {}", certificate, key,
                    e.toString());
            return;
        }
        if (times.equals(seen)) {
            return;
        }
        seen = times;
        try {
            material = Pem.keyMaterial(certificate, key);
            LOG.info("loaded the new certificate {} ({})", certificate, material);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the changed {} and {} do not load, so the previous certificate is still served: {}",
                    certificate, key, e.getMessage());
        }
    }

    private List<FileTime> times() throws IOException {
        return List.of(Files.getLastModifiedTime(certificate), Files.getLastModifiedTime(key));
    }

    @Override
    public String toString() {
        return "CertificateFiles[" + certificate + ", " + key + "]";
    }
}
