package io.cairn.s3.auth;

import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: every UTF-8 byte but the unreserved {@code A-Z a-z 0-9 - _ . ~} as upper-case {@code %XX}.
 * S3 encodes the path once (no double encoding, unlike other services) and keeps its slashes. Listings with
 * {@code encoding-type=url} encode keys the same way.
 */
public final class UriEncoder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoder() {
    }

    static String path(String decodedPath) {
        return keepingSlashes(decodedPath.isEmpty() ? "/" : decodedPath);
    }

    public static String keepingSlashes(String decoded) {
        return encode(decoded, true);
    }

    static String queryComponent(String decoded) {
        return encode(decoded, false);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || keepSlash && c == '/') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
