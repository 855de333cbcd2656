package io.cairn.chunk;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import io.cairn.core.Sha256;

/**
 * Reading a put's body, and re-hashing stored bytes: exactly the declared number of bytes, each passed through the payload check and on to where
 * the store keeps them. Stateless.
 */
final class ChunkBody {
    /** Where the checked bytes go. */
    interface Sink {
        void accept(byte[] data, int offset, int length) throws IOException;
    }

    /** Bounded hashing buffer: a chunk is streamed, never held in memory. */
    private static final int HASH_BUFFER = 64 * 1024;

    private ChunkBody() {
    }

    /**
     * Streams exactly {@code length} bytes of {@code data} through {@code buffer} into {@code sink}, then checks them.
     *
     * @throws CairnException BAD_REQUEST when the body is shorter or longer than {@code length}; CHECKSUM_MISMATCH
     *         when the bytes fail {@code check}
     */
    static void read(ChunkId id, InputStream data, long length, PayloadCheck check, byte[] buffer, Sink sink)
            throws IOException {
        PayloadCheck.Accumulator received = check.start();
        long remaining = length;
        while (remaining > 0) {
            int n = data.readNBytes(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n == 0) {
                throw CairnException.badRequest("the chunk's body ended after " + (length - remaining) + " of "
                        + length + " bytes");
            }
            received.update(buffer, 0, n);
            sink.accept(buffer, 0, n);
            remaining -= n;
        }
        if (data.read() >= 0) {
            throw CairnException.badRequest("the chunk's body is longer than the declared " + length + " bytes");
        }
        received.finish(id);
    }

    /** Whether {@code length} bytes of {@code channel} from {@code position} hash to {@code id}. */
    static boolean hashesTo(ChunkId id, FileChannel channel, long position, long length) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(HASH_BUFFER, Math.max(1, length)));
        for (long at = position, end = position + length; at < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
            int n = channel.read(buffer, at);
            if (n < 0) {
                return false; // shorter than it should be: not the chunk
            }
            buffer.flip();
            digest.update(buffer);
            at += n;
        }
        return ChunkId.ofDigest(digest.digest()).equals(id);
    }

    /** @throws CairnException BAD_REQUEST for a negative length */
    static void checkLength(long length) {
        if (length < 0) {
            throw CairnException.badRequest("a chunk's length must not be negative, got " + length);
        }
    }
}
