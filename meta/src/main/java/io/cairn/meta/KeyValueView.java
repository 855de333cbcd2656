package io.cairn.meta;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * Read access to the ordered key space of a {@link MetaStore}, either its latest state or a pinned snapshot. Keys
 * compare as unsigned bytes. Arrays handed out belong to the caller.
 */
public interface KeyValueView {
    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    /** Values in the order of {@code keys}, null where absent. */
    List<byte[]> multiGet(List<byte[]> keys);

    /**
     * Visits entries with {@code from <= key < to} in ascending order until {@code visitor} returns false.
     *
     * @param to exclusive upper bound, or null for none
     */
    void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor);

    /** The greatest entry with {@code from <= key < to}, or null if there is none. */
    Entry last(byte[] from, byte[] to);

    /** One stored entry; a carrier only (arrays compare by identity). */
    record Entry(byte[] key, byte[] value) {
    }
}
