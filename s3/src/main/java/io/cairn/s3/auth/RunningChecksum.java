package io.cairn.s3.auth;

/** A checksum computed over bytes as they pass, started by {@link ChecksumAlgorithm#start()}. */
public interface RunningChecksum {
    void update(byte[] bytes, int offset, int length);

    /** The checksum of every byte given so far; call once, after the last update. */
    ChecksumValue finish();
}
