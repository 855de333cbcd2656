package io.cairn.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 through the JDK's provider (intrinsics on x86 and ARM); a fresh digest per call, so it is thread-safe. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static ChunkId of(byte[] data, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(data, offset, length);
        return ChunkId.ofDigest(digest.digest());
    }

    public static ChunkId of(byte[] data) {
        return of(data, 0, data.length);
    }
}
