package io.cairn.auth;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): the JDK has the HMAC but not this construction over it. Extract concentrates the
 * input key material into a pseudorandom key; expand stretches that into keys bound to a purpose ({@code info}).
 */
final class Hkdf {
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    /** Extract then expand; an empty salt stands for RFC 5869's default of {@value #HASH_BYTES} zero bytes. */
    static byte[] derive(byte[] salt, byte[] inputKey, byte[] info, int length) {
        return expand(extract(salt, inputKey), info, length);
    }

    static byte[] extract(byte[] salt, byte[] inputKey) {
        return mac(salt.length == 0 ? new byte[HASH_BYTES] : salt).doFinal(inputKey);
    }

    static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-SHA256 derives 1 to " + 255 * HASH_BYTES + " bytes, not "
                    + length);
        }
        Mac mac = mac(pseudorandomKey);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) i);
            block = mac.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, output, done, n);
            done += n;
        }
        return output;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an HMAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }
}
