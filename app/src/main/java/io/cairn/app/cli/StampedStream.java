package io.cairn.app.cli;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The content of one benchmark object, generated as it is read: pseudo-random bytes ({@link RandomStream}, seeded by
 * the run and the object) whose every {@link #STAMP_EVERY} block starts with the run's nonce, the object's number and
 * the block's number. A deduplicating store must not be able to turn a benchmark write into a metadata-only commit:
 * the stamp makes every block of every object, in this run or another, differ from all others whatever the seeds,
 * and far below any chunk size. One block is held at a time, whatever the object's size. Not thread-safe.
 */
final class StampedStream extends InputStream {
    static final int STAMP_EVERY = 64 * 1024;
    /** The nonce, the object's number and the block's number, eight bytes each. */
    static final int STAMP_BYTES = 3 * Long.BYTES;

    private final RandomStream base;
    private final long nonce;
    private final long object;
    private final long length;
    private final byte[] block;
    private long blockNumber = -1;
    private int blockLength;
    private int inBlock;

    StampedStream(long nonce, long object, long length) {
        this.base = new RandomStream(seed(nonce, object), length);
        this.nonce = nonce;
        this.object = object;
        this.length = length;
        this.block = new byte[(int) Math.min(STAMP_EVERY, length)];
    }

    /** The seed of the random bytes under the stamps, distinct for every object of a run. */
    static long seed(long nonce, long object) {
        return nonce ^ ((object + 1) * 0xD1B54A32D192ED03L);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int count) {
        java.util.Objects.checkFromIndexSize(offset, count, into.length);
        if (count == 0) {
            return 0;
        }
        if (inBlock == blockLength && !nextBlock()) {
            return -1;
        }
        int n = Math.min(count, blockLength - inBlock);
        System.arraycopy(block, inBlock, into, offset, n);
        inBlock += n;
        return n;
    }

    private boolean nextBlock() {
        long start = (blockNumber + 1) * STAMP_EVERY;
        if (start >= length) {
            return false;
        }
        blockNumber++;
        blockLength = (int) Math.min(STAMP_EVERY, length - start);
        base.read(block, 0, blockLength);
        ByteBuffer stamp = ByteBuffer.allocate(STAMP_BYTES).putLong(nonce).putLong(object).putLong(blockNumber);
        System.arraycopy(stamp.array(), 0, block, 0, Math.min(STAMP_BYTES, blockLength));
        inBlock = 0;
        return true;
    }
}
