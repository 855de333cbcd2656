package io.cairn.app.cli;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of keys and query values per RFC 3986 over UTF-8. {@link java.net.URLEncoder} is not used: it
 * writes a space as '+', which a server decoding a path keeps as a literal '+'.
 */
final class KeyEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyEncoding() {
    }

    /** A key as a path: every byte but the unreserved characters and '/' is escaped, so "a b/c+d" → "a%20b/c%2Bd". */
    static String path(String key) {
        return encode(key, true);
    }

    /** A query parameter value or a single path segment: '/' is escaped too. */
    static String component(String value) {
        return encode(value, false);
    }

    private static String encode(String text, boolean keepSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (unreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
