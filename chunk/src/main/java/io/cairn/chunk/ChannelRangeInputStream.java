package io.cairn.chunk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads {@code length} bytes of an open file from {@code position} with positional reads, so many streams can share
 * one channel. Closing it closes what it was given to release (the channel of a file it owns, or a reference to a
 * shared one). Not thread-safe, as no {@link InputStream} is.
 */
final class ChannelRangeInputStream extends InputStream {
    private final FileChannel channel;
    private final Closeable release;
    private long position;
    private long remaining;
    private boolean closed;

    ChannelRangeInputStream(FileChannel channel, long position, long length, Closeable release) {
        this.channel = channel;
        this.position = position;
        this.remaining = length;
        this.release = release;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            // The file shrank under us (it is never rewritten in place, so only outside tampering does this).
            throw new IOException("chunk file ended " + remaining + " bytes early");
        }
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, remaining));
        position += skipped;
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            release.close();
        }
    }
}
