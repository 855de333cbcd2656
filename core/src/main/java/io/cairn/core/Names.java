package io.cairn.core;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Validation of bucket names, object keys, and the names of users and policies. Keys are opaque UTF-8 strings, never
 * file-system paths: nothing ever resolves them against a directory, so "../x" is only refused where it would surprise
 * a user of a file-like API.
 */
public final class Names {
    public static final String DEFAULT_BUCKET = "default";
    public static final int MAX_KEY_BYTES = 1024;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** IAM's rules, so that names move between Cairn and AWS tools unchanged. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final Pattern POLICY = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,128}");

    private Names() {
    }

    public static String bucket(String name) {
        if (name == null || !BUCKET.matcher(name).matches() || name.contains("..")) {
            throw new CairnException(ErrorCode.INVALID_NAME,
                    "bucket names are 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit");
        }
        return name;
    }

    /**
     * The one rule every stored key follows, whichever API wrote it (S3's): 1-1024 bytes of valid UTF-8 without NUL.
     * Every key that exists can be read, listed and deleted through both APIs.
     */
    public static String storedKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new CairnException(ErrorCode.INVALID_NAME, "a file name must not be empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == 0) {
                throw new CairnException(ErrorCode.INVALID_NAME, "a file name must not contain NUL");
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new CairnException(ErrorCode.INVALID_NAME, "a file name must be valid UTF-8");
            }
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new CairnException(ErrorCode.INVALID_NAME, "a file name must be at most 1024 bytes of UTF-8");
        }
        return key;
    }

    /**
     * A key as the REST API creates one: a {@link #storedKey} with no control characters, no empty, "." or ".."
     * segment and no leading "/", so a key written through the file-like API can always be mirrored onto a file
     * system by a client without escaping its root. Keys written through S3 need not follow it; the REST API still
     * reads and deletes them.
     */
    public static String key(String key) {
        storedKey(key);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new CairnException(ErrorCode.INVALID_NAME, "a file name must not contain control characters");
            }
        }
        if (key.startsWith("/")) {
            throw new CairnException(ErrorCode.INVALID_NAME, "a file name must not start with '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new CairnException(ErrorCode.INVALID_NAME, "a file name must not contain '.' or '..' segments");
            }
        }
        return key;
    }

    public static String user(String name) {
        if (name == null || !USER.matcher(name).matches()) {
            throw new CairnException(ErrorCode.INVALID_NAME,
                    "user names are 1-64 letters, digits or any of '+=,.@_-'");
        }
        return name;
    }

    public static String policy(String name) {
        if (name == null || !POLICY.matcher(name).matches()) {
            throw new CairnException(ErrorCode.INVALID_NAME,
                    "policy names are 1-128 letters, digits or any of '+=,.@_-'");
        }
        return name;
    }
}
