package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A chunk's identity: the lowercase hex SHA-256 of its bytes. Equal bytes, equal id: that is what dedup rests on. */
public record ChunkId(String hex) implements Comparable<ChunkId> {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ChunkId {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "chunk id must be 64 lowercase hex digits");
        }
    }

    public static ChunkId ofDigest(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
        }
        return new ChunkId(HexFormat.of().formatHex(sha256));
    }

    public static boolean isValid(String hex) {
        return hex != null && HEX64.matcher(hex).matches();
    }

    /** The wire form is the bare string. */
    @JsonCreator
    public static ChunkId parse(String hex) {
        return new ChunkId(hex);
    }

    @JsonValue
    @Override
    public String hex() {
        return hex;
    }

    @Override
    public int compareTo(ChunkId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
