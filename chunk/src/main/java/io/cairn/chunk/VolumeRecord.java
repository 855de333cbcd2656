package io.cairn.chunk;

import io.cairn.core.ChunkId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * One record of a volume file: {@code [magic, kind, id (32 bytes), length, generation, CRC32C][data]}, big-endian,
 * the CRC covering the header before it and the data. What a record is read back as, and how it is written.
 *
 * @param kind       what the record says
 * @param id         the chunk it is about (null for {@link Kind#COMPACTED})
 * @param offset     where the record starts in its volume
 * @param length     bytes of data after the header (0 but for {@link Kind#PUT})
 * @param generation the copy's generation ({@link Kind#PUT}, {@link Kind#TOMBSTONE}); the volume number compacted
 *                   ({@link Kind#COMPACTED})
 */
record VolumeRecord(Kind kind, ChunkId id, long offset, int length, long generation) {
    static final int MAGIC = 0xCA1DB10C;
    /** magic 4 + kind 1 + id 32 + length 4 + generation 8 + CRC 4. */
    static final int HEADER = 53;
    private static final int CRC_AT = HEADER - 4;
    private static final int ID_BYTES = 32;
    /** Larger lengths are not a record (a scan reading garbage must not try to hash gigabytes). */
    static final int MAX_LENGTH = 64 << 20;

    enum Kind {
        /** A chunk's bytes, with the generation they were stored under. */
        PUT,
        /** The copy {@code (id, generation)} is gone (deleted or quarantined). Always in the volume of that copy. */
        TOMBSTONE,
        /** The volume numbered {@code generation} was compacted into this one and must not come back. */
        COMPACTED
    }

    /** Bytes the record takes in its volume. */
    long size() {
        return HEADER + (long) length;
    }

    /** Where its data starts in its volume. */
    long dataOffset() {
        return offset + HEADER;
    }

    long end() {
        return offset + size();
    }

    /** A whole record, ready to append: header, data, CRC. */
    static ByteBuffer encode(Kind kind, ChunkId id, long generation, byte[] data, int length) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + length);
        record.putInt(MAGIC).put((byte) kind.ordinal());
        record.put(id == null ? new byte[ID_BYTES] : HexFormat.of().parseHex(id.hex()));
        record.putInt(length).putLong(generation);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, CRC_AT);
        crc.update(data, 0, length);
        record.putInt((int) crc.getValue()).put(data, 0, length);
        return record.flip();
    }

    static ByteBuffer tombstone(ChunkId id, long generation) {
        return encode(Kind.TOMBSTONE, id, generation, new byte[0], 0);
    }

    static ByteBuffer compacted(int volume) {
        return encode(Kind.COMPACTED, null, volume, new byte[0], 0);
    }

    /**
     * The record at {@code offset} if a whole, intact one starts there within the first {@code size} bytes of the
     * channel, else null (absent, torn, garbage or damaged: the CRC decides).
     */
    static VolumeRecord readAt(FileChannel channel, long offset, long size) throws IOException {
        if (offset < 0 || size - offset < HEADER) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (!readFully(channel, header, offset)) {
            return null;
        }
        header.flip();
        int kindIndex = header.get(4);
        int length = header.getInt(5 + ID_BYTES);
        if (header.getInt(0) != MAGIC || kindIndex < 0 || kindIndex >= Kind.values().length
                || length < 0 || length > MAX_LENGTH || size - offset - HEADER < length) {
            return null;
        }
        Kind kind = Kind.values()[kindIndex];
        if (kind != Kind.PUT && length != 0) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, CRC_AT);
        ByteBuffer data = ByteBuffer.allocate(Math.min(length, 64 * 1024));
        for (long at = offset + HEADER, end = at + length; at < end; ) {
            data.clear().limit((int) Math.min(data.capacity(), end - at));
            if (!readFully(channel, data, at)) {
                return null;
            }
            crc.update(data.array(), 0, data.limit());
            at += data.limit();
        }
        if ((int) crc.getValue() != header.getInt(CRC_AT)) {
            return null;
        }
        byte[] id = new byte[ID_BYTES];
        header.get(5, id);
        long generation = header.getLong(9 + ID_BYTES);
        return new VolumeRecord(kind, kind == Kind.COMPACTED ? null : ChunkId.ofDigest(id), offset, length,
                generation);
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}
