package io.cairn.auth;

import io.cairn.core.CairnException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Access key ids and secret keys: generated ones, and the checks for ones a user chooses. An access key id is public
 * (it names the key in every signed request, so it may not contain the '/' that separates SigV4 credential fields);
 * the secret key never leaves the server except when it is created.
 */
public final class AccessKeys {
    /** Generated access key ids start with this, so Cairn's keys are recognisable in logs and configs. */
    public static final String GENERATED_PREFIX = "CK";
    public static final int GENERATED_ACCESS_KEY_LENGTH = 20;
    public static final int GENERATED_SECRET_KEY_LENGTH = 40;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9._-]{3,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessKeys() {
    }

    /** 20 upper-case letters and digits, starting with {@value #GENERATED_PREFIX}. */
    public static String generateAccessKeyId() {
        StringBuilder id = new StringBuilder(GENERATED_PREFIX);
        while (id.length() < GENERATED_ACCESS_KEY_LENGTH) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** 40 URL-safe base64 characters: 240 random bits. */
    public static String generateSecretKey() {
        byte[] bytes = new byte[GENERATED_SECRET_KEY_LENGTH * 3 / 4];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A user-chosen access key id: 3 to 128 letters, digits, '.', '_' or '-'.
     *
     * @throws CairnException INVALID_ARGUMENT saying what is allowed
     */
    public static String validateAccessKeyId(String id) {
        if (id == null || !ACCESS_KEY.matcher(id).matches()) {
            throw CairnException.invalidArgument("an access key id is 3 to 128 letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    /**
     * A user-chosen secret key: 8 to 128 printable ASCII characters without spaces. The message never echoes it.
     *
     * @throws CairnException INVALID_ARGUMENT saying what is allowed
     */
    public static String validateSecretKey(String secret) {
        if (secret == null || secret.length() < 8 || secret.length() > 128) {
            throw CairnException.invalidArgument("a secret key is 8 to 128 characters long");
        }
        if (!secret.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw CairnException.invalidArgument("a secret key is printable ASCII without spaces");
        }
        return secret;
    }
}
