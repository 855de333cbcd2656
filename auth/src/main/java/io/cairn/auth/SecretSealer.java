package io.cairn.auth;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets (users' secret keys) under the cluster's master key, so the metadata store never holds them in plain
 * text: AES-256-GCM with a random 96-bit nonce and a 128-bit tag, the master key derived from the {@link
 * ClusterSecret} (HKDF, info {@value #MASTER_KEY_PURPOSE}). The caller's context (e.g. the access key id) is
 * authenticated with the secret, so a sealed secret opens only for the context it was sealed for: copied to another
 * key's record, it fails. Sealed form: base64 of one version byte, the nonce, then ciphertext and tag. Thread-safe.
 */
public final class SecretSealer {
    static final String MASTER_KEY_PURPOSE = "cairn master key v1";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public SecretSealer(ClusterSecret secret) {
        this(secret.derive(MASTER_KEY_PURPOSE, 32));
    }

    /** Under a key of another origin (a join token's, {@link JoinSecret}): 32 bytes for AES-256. */
    SecretSealer(byte[] aesKey) {
        if (aesKey.length != 32) {
            throw new IllegalArgumentException("AES-256 takes a 32-byte key, not " + aesKey.length);
        }
        this.key = new SecretKeySpec(aesKey, "AES");
    }

    /** The secret sealed for {@code context}; sealing the same secret twice gives different text (a new nonce). */
    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CIPHER + " failed", e);
        }
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                .put(VERSION).put(nonce).put(sealed).array());
    }

    /**
     * The secret sealed for {@code context}.
     *
     * @throws CairnException INTERNAL if the text is not a sealed secret, or it was sealed under another cluster
     *                        secret or for another context, or altered: the message says which context failed
     */
    public String unseal(String sealed, String context) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw failure(context, "it is not base64");
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw failure(context, "it is too short to be a sealed secret");
        }
        if (bytes[0] != VERSION) {
            throw failure(context, "its format version " + bytes[0] + " is unknown (this Cairn writes " + VERSION
                    + ")");
        }
        byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, context)
                    .doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw failure(context, "it was sealed under another cluster secret or for another context, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CIPHER + " failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + CIPHER, e);
        }
    }

    private static CairnException failure(String context, String reason) {
        return new CairnException(ErrorCode.INTERNAL, "cannot unseal the secret for '" + context + "': " + reason);
    }
}
