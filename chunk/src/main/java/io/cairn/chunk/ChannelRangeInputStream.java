package io.cairn.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads at most {@code remaining} bytes of an open file from its current position. Owns the channel and closes it.
 * Not thread-safe, as no {@link InputStream} is.
 */
final class ChannelRangeInputStream extends InputStream {
    private final FileChannel channel;
    private long remaining;

    ChannelRangeInputStream(FileChannel channel, long length) {
        this.channel = channel;
        this.remaining = length;
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
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)));
        if (n < 0) {
            // The file shrank under us (it is never rewritten in place, so only outside tampering does this).
            throw new IOException("chunk file ended " + remaining + " bytes early");
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.max(0, Math.min(n, remaining));
        channel.position(channel.position() + skipped);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
