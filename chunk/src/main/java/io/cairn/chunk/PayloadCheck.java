package io.cairn.chunk;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.Crc32c;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sha256;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

/**
 * How a put checks the bytes it receives before it stores them. Either way a mismatch is CHECKSUM_MISMATCH and nothing
 * is stored; and either way every later read hashes the bytes against the id again (the reader, the scrubber).
 */
public sealed interface PayloadCheck {

    /** Hashes the bytes with SHA-256 and compares the digest with the chunk id: for a writer that did not hash them. */
    PayloadCheck CONTENT_HASH = new ContentHash();

    /** A fresh accumulator for one body. */
    Accumulator start();

    /** The running check of one body. Not thread-safe. */
    interface Accumulator {
        void update(byte[] data, int offset, int length);

        /** @throws CairnException CHECKSUM_MISMATCH when the bytes seen are not what {@code id} says they are */
        void finish(ChunkId id);
    }

    /** SHA-256 of the bytes against the id. */
    record ContentHash() implements PayloadCheck {
        @Override
        public Accumulator start() {
            MessageDigest digest = Sha256.newDigest();
            return new Accumulator() {
                @Override
                public void update(byte[] data, int offset, int length) {
                    digest.update(data, offset, length);
                }

                @Override
                public void finish(ChunkId id) {
                    ChunkId actual = ChunkId.ofDigest(digest.digest());
                    if (!actual.equals(id)) {
                        throw new CairnException(ErrorCode.CHECKSUM_MISMATCH, "the bytes sent hash to " + actual.hex()
                                + ", not to the chunk id " + id.hex());
                    }
                }
            };
        }
    }

    /**
     * The writer hashed the bytes to the id itself (a gateway of the cluster, which cuts and hashes every chunk) and
     * sent their CRC32C: the store then checks only that they arrived as they were sent, at a small fraction of
     * SHA-256's cost per byte.
     */
    record SentCrc32c(Crc32c expected) implements PayloadCheck {
        @Override
        public Accumulator start() {
            CRC32C crc = new CRC32C();
            return new Accumulator() {
                @Override
                public void update(byte[] data, int offset, int length) {
                    crc.update(data, offset, length);
                }

                @Override
                public void finish(ChunkId id) {
                    Crc32c actual = new Crc32c(crc.getValue());
                    if (!actual.equals(expected)) {
                        throw new CairnException(ErrorCode.CHECKSUM_MISMATCH, "the bytes of chunk " + id.hex()
                                + " arrived with CRC32C " + actual + ", not the " + expected + " they were sent with");
                    }
                }
            };
        }
    }
}
