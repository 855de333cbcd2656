package io.cairn.app;

import io.cairn.api.ClusterKey;
import io.cairn.app.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code cluster.secret} in a process's data directory: the cluster secret, readable by its owner only, so that a
 * restart needs neither the token nor the variable again.
 */
final class ClusterSecretFile {
    static final String NAME = "cluster.secret";

    private ClusterSecretFile() {
    }

    /**
     * @param dir    null for a process that keeps nothing (a gateway): then the secret must be given
     * @param given  the secret from a join token or the environment, or null
     * @param create whether to found a new cluster when there is neither a file nor a given secret
     */
    static ClusterKey resolve(Path dir, ClusterKey given, boolean create) {
        Path file = dir == null ? null : dir.resolve(NAME);
        ClusterKey stored = file != null && Files.exists(file) ? read(file) : null;
        if (given != null && stored != null && !given.hex().equals(stored.hex())) {
            throw new ConfigException(file + " holds the secret of another cluster than the one given: this data "
                    + "belongs to that cluster (remove the file only if you mean to move the data)");
        }
        if (stored != null) {
            return stored;
        }
        if (given == null && !create) {
            throw new ConfigException("this process has no cluster secret: start it with --join-token TOKEN (printed by "
                    + "`cairn admin join-token`) or CLUSTER_SECRET");
        }
        ClusterKey key = given != null ? given : ClusterKey.generate();
        if (file != null) {
            write(file, key);
        }
        return key;
    }

    private static ClusterKey read(Path file) {
        try {
            return ClusterKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + " is damaged: " + e.getMessage());
        }
    }

    /** Written to a temporary file, fsynced and renamed: a crash leaves the old state or the new, never half. */
    private static void write(Path file, ClusterKey key) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.US_ASCII.encode(key.hex() + "\n"));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dirChannel = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dirChannel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
