package io.cairn.meta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * A view of the store with the writes of earlier commands of the same log entry laid over it, so that the commands
 * of a batch apply one after the other, each seeing the ones before, and all reach the store in one atomic write.
 * Single-threaded, like the apply that owns it.
 */
final class OverlayView implements KeyValueView {
    private final KeyValueView base;
    /** Key to new value, or to null for a delete; in key order, as the store writes them. */
    private final TreeMap<byte[], byte[]> pending = new TreeMap<>(Arrays::compareUnsigned);

    OverlayView(KeyValueView base) {
        this.base = base;
    }

    void putAll(Map<byte[], byte[]> changes) {
        pending.putAll(changes);
    }

    NavigableMap<byte[], byte[]> pending() {
        return pending;
    }

    @Override
    public byte[] get(byte[] key) {
        if (pending.containsKey(key)) {
            byte[] value = pending.get(key);
            return value == null ? null : value.clone();
        }
        return base.get(key);
    }

    @Override
    public List<byte[]> multiGet(List<byte[]> keys) {
        List<byte[]> values = new ArrayList<>(base.multiGet(keys));
        for (int i = 0; i < keys.size(); i++) {
            if (pending.containsKey(keys.get(i))) {
                byte[] value = pending.get(keys.get(i));
                values.set(i, value == null ? null : value.clone());
            }
        }
        return values;
    }

    /** Merges the base's entries with the pending ones in key order; a pending write hides the base's entry. */
    @Override
    public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        Cursor overlay = new Cursor(range(from, to).entrySet().iterator());
        boolean[] stopped = {false};
        base.scan(from, to, (key, value) -> {
            while (overlay.current != null && Arrays.compareUnsigned(overlay.current.getKey(), key) < 0) {
                if (!emit(overlay.current, visitor)) {
                    stopped[0] = true;
                    return false;
                }
                overlay.advance();
            }
            boolean go;
            if (overlay.current != null && Arrays.compareUnsigned(overlay.current.getKey(), key) == 0) {
                go = emit(overlay.current, visitor);
                overlay.advance();
            } else {
                go = visitor.test(key, value);
            }
            stopped[0] = !go;
            return go;
        });
        while (!stopped[0] && overlay.current != null) {
            if (!emit(overlay.current, visitor)) {
                return;
            }
            overlay.advance();
        }
    }

    @Override
    public Entry last(byte[] from, byte[] to) {
        NavigableMap<byte[], byte[]> range = range(from, to);
        Entry fromBase = base.last(from, to);
        if (fromBase != null && range.containsKey(fromBase.key())) {
            // The base's last entry is overwritten or deleted here: merge the whole range (rare: a batch that both
            // touches and then asks for the last entry of one key's versions).
            Entry[] last = {null};
            scan(from, to, (key, value) -> {
                last[0] = new Entry(key, value);
                return true;
            });
            return last[0];
        }
        for (Map.Entry<byte[], byte[]> entry : range.descendingMap().entrySet()) {
            if (entry.getValue() != null) {
                boolean newer = fromBase == null || Arrays.compareUnsigned(entry.getKey(), fromBase.key()) > 0;
                return newer ? new Entry(entry.getKey().clone(), entry.getValue().clone()) : fromBase;
            }
        }
        return fromBase;
    }

    private NavigableMap<byte[], byte[]> range(byte[] from, byte[] to) {
        return to == null ? pending.tailMap(from, true) : pending.subMap(from, true, to, false);
    }

    private static final class Cursor {
        private final Iterator<Map.Entry<byte[], byte[]>> entries;
        private Map.Entry<byte[], byte[]> current;

        Cursor(Iterator<Map.Entry<byte[], byte[]>> entries) {
            this.entries = entries;
            advance();
        }

        void advance() {
            current = entries.hasNext() ? entries.next() : null;
        }
    }

    /** A pending delete is skipped (the visitor goes on); a pending value is visited. */
    private static boolean emit(Map.Entry<byte[], byte[]> entry, BiPredicate<byte[], byte[]> visitor) {
        return entry.getValue() == null || visitor.test(entry.getKey().clone(), entry.getValue().clone());
    }
}
