package io.cairn.it;

import io.cairn.app.cli.RandomStream;
import io.cairn.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Deterministic pseudo-random test content (the benchmark's generator), streamed so gigabytes never sit in memory. */
final class Data {
    private Data() {
    }

    static byte[] random(int size, long seed) {
        return RandomStream.bytes(seed, size);
    }

    static InputStream stream(long size, long seed) {
        return new RandomStream(seed, size);
    }

    /** Passes bytes through at most {@code bytesPerSecond}, so a test can act while a transfer is in flight. */
    static InputStream throttled(InputStream in, long bytesPerSecond) {
        return new java.io.FilterInputStream(in) {
            private final long start = System.nanoTime();
            private long sent;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 64 * 1024));
                if (n > 0) {
                    sent += n;
                    long due = start + sent * 1_000_000_000L / bytesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException();
                        }
                    }
                }
                return n;
            }
        };
    }

    static String md5Hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(io.cairn.core.Md5.newDigest().digest(bytes));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[256 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(long size, long seed) throws IOException {
        return sha256(stream(size, seed));
    }
}
