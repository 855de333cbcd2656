package io.cairn.meta;

import io.cairn.core.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 over every key and value of a view, in key order, each prefixed by its length so that no two stores digest
 * alike by accident. The applied index is left out: replicas holding the same state digest alike even where their
 * logs put that state at different positions.
 */
final class StateDigest {
    private StateDigest() {
    }

    /** Lowercase hex. */
    static String of(KeyValueView view) {
        MessageDigest digest = Sha256.newDigest();
        view.scan(new byte[0], null, (key, value) -> {
            if (!Arrays.equals(key, Keys.APPLIED_INDEX)) {
                digest.update(length(key));
                digest.update(key);
                digest.update(length(value));
                digest.update(value);
            }
            return true;
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] length(byte[] bytes) {
        int n = bytes.length;
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
