package io.cairn.app.cli;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@code length} pseudo-random bytes from a seed, generated as they are read (SplitMix64, several GB/s), so the
 * benchmark can upload a 1 GiB file without holding it and later regenerate the same bytes to check a download.
 * The sequence depends only on the seed, never on how the reader slices its reads. Incompressible, and distinct
 * seeds give distinct chunks, so neither compression nor dedup can short-cut a measurement. Not thread-safe.
 */
public final class RandomStream extends InputStream {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long length;
    private long state;
    private long position;
    private long pending;
    private int pendingBytes;

    public RandomStream(long seed, long length) {
        this.state = seed;
        this.length = length;
    }

    /** The whole stream as an array, for small objects. */
    public static byte[] bytes(long seed, int length) {
        byte[] data = new byte[length];
        new RandomStream(seed, length).read(data, 0, length);
        return data;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        int i = off;
        int end = off + n;
        while (pendingBytes > 0 && i < end) {
            b[i++] = (byte) pending;
            pending >>>= 8;
            pendingBytes--;
        }
        while (end - i >= Long.BYTES) {
            LONGS.set(b, i, next());
            i += Long.BYTES;
        }
        if (i < end) {
            // Little-endian: the bytes of a long go out low byte first, whether written whole or one at a time.
            pending = next();
            pendingBytes = Long.BYTES;
            while (i < end) {
                b[i++] = (byte) pending;
                pending >>>= 8;
                pendingBytes--;
            }
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    /** Nothing to release; declared without IOException so callers need no catch. */
    @Override
    public void close() {
    }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
