package io.cairn.app.cli;

import io.cairn.core.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * What this machine can do without Cairn, measured in the same run as the cluster so the ratios compare like with
 * like: how fast the data disk takes synced writes, and how fast one core hashes SHA-256 (the gateway hashes every
 * chunk it writes and verifies every chunk it reads).
 */
public final class MachineLimits {
    static final int BLOCK = 1 << 20;
    /** A chunk node fsyncs each chunk it stores; 4 MiB is the default chunk size the sync cadence mimics. */
    static final long SYNC_EVERY = 4L << 20;

    private MachineLimits() {
    }

    /** MB/s writing {@code total} bytes in 1 MiB blocks with one {@code force(false)} (fdatasync) per 4 MiB. */
    public static double fdatasyncWriteMbS(Path dir, long total) throws IOException {
        return write(dir, total, SYNC_EVERY);
    }

    /** MB/s writing {@code total} bytes then syncing once: the disk's streaming rate through the page cache. */
    static double writeThenSyncMbS(Path dir, long total) throws IOException {
        return write(dir, total, Long.MAX_VALUE);
    }

    private static double write(Path dir, long total, long syncEvery) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "cairn-bench-", ".tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // Random bytes: a compressing file system (btrfs, zfs) must not make the disk look faster than it is.
            ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
            block.put(RandomStream.bytes(System.nanoTime(), BLOCK)).flip();
            long start = System.nanoTime();
            long written = 0;
            long sinceSync = 0;
            while (written < total) {
                int n = (int) Math.min(BLOCK, total - written);
                block.clear().limit(n);
                while (block.hasRemaining()) {
                    channel.write(block);
                }
                written += n;
                sinceSync += n;
                if (sinceSync >= syncEvery) {
                    channel.force(false);
                    sinceSync = 0;
                }
            }
            if (sinceSync > 0) {
                channel.force(false);
            }
            return Formats.mbPerSecond(written, System.nanoTime() - start);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** MB/s of SHA-256 on one thread over {@code total} bytes of in-memory data, after a JIT warm-up. */
    public static double sha256MbS(long total) {
        byte[] buffer = RandomStream.bytes(System.nanoTime(), 4 << 20);
        MessageDigest sha256 = Sha256.newDigest();
        hash(sha256, buffer, Math.min(total, 64L << 20));
        long start = System.nanoTime();
        hash(sha256, buffer, total);
        return Formats.mbPerSecond(total, System.nanoTime() - start);
    }

    private static void hash(MessageDigest sha256, byte[] buffer, long total) {
        for (long done = 0; done < total; done += buffer.length) {
            sha256.update(buffer, 0, (int) Math.min(buffer.length, total - done));
        }
        sha256.digest();
    }
}
