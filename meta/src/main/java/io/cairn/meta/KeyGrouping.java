package io.cairn.meta;

/**
 * How a listing groups keys: a key that contains the delimiter after the prefix belongs to the common prefix that ends
 * there (S3's CommonPrefixes).
 *
 * @param delimiter null or empty for no grouping
 */
record KeyGrouping(String prefix, String delimiter) {
    KeyGrouping {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    }

    /** The common prefix {@code key} belongs to, or null if it stands alone. */
    String groupOf(String key) {
        if (delimiter == null || !key.startsWith(prefix)) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    /** Whether {@code position} (a listing's resume point) is a whole common prefix, to be skipped entirely. */
    boolean isGroup(String position) {
        return position.equals(groupOf(position));
    }
}
