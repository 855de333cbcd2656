package io.cairn.s3.auth;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sees every byte on its way to the reader and, when the stream below reports its end, checks them as a whole; the
 * check throws rather than let a reader take a bad body for a good one.
 */
abstract class EndCheckedInputStream extends FilterInputStream {
    private final byte[] single = new byte[1];
    private boolean checked;

    EndCheckedInputStream(InputStream in) {
        super(in);
    }

    abstract void update(byte[] bytes, int offset, int length);

    abstract void checkAtEnd();

    final boolean atEnd() {
        return checked;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0 && !checked) {
            checkAtEnd();
            checked = true;
        } else if (n > 0) {
            update(b, off, n);
        }
        return n;
    }

    /** Reads what is skipped, so skipped bytes are checked too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** A reset would pass the same bytes through the check twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
