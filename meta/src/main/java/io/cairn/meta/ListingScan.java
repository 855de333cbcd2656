package io.cairn.meta;

import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one {@link Listing} from the heads of a bucket. A common prefix costs one seek past all its keys, not a walk
 * through them, so a page costs O(page) seeks whatever the bucket's size; only keys whose latest version is a delete
 * marker are walked over, also inside a common prefix until a live key shows it exists (S3 has the same cost).
 */
final class ListingScan {
    private final String bucket;
    private final KeyGrouping grouping;
    private final int limit;
    private final List<ObjectHead> objects = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private String last;
    private boolean more;

    /**
     * @param prefix    only keys starting with this ("" for all)
     * @param delimiter groups keys by what follows the prefix up to this; null or "" for no grouping
     */
    ListingScan(String bucket, String prefix, String delimiter, int limit) {
        this.bucket = bucket;
        this.grouping = new KeyGrouping(prefix, delimiter);
        this.limit = limit;
    }

    /**
     * @param after the previous page's {@link Listing#next()}, a key or a common prefix, or null: the page starts
     *              after it, and after every key of it when it is a common prefix
     */
    Listing run(KeyValueView view, String after) {
        byte[] start = Keys.headPrefix(bucket, grouping.prefix());
        byte[] end = Keys.prefixEnd(start);
        if (after != null && !after.isEmpty()) {
            byte[] resume = grouping.isGroup(after) ? Keys.prefixEnd(Keys.head(bucket, after))
                    : Keys.successor(Keys.head(bucket, after));
            if (Arrays.compareUnsigned(resume, start) > 0) {
                start = resume;
            }
        }
        while (start != null && Arrays.compareUnsigned(start, end) < 0 && !more) {
            start = scanFrom(view, start, end);
        }
        return new Listing(objects, prefixes, more ? last : null);
    }

    /** Scans until the page is full (then looks for one more entry) or a common prefix needs a seek; returns where to go on. */
    private byte[] scanFrom(KeyValueView view, byte[] from, byte[] end) {
        byte[][] next = {null};
        view.scan(from, end, (rawKey, value) -> {
            ObjectHead head = RecordCodec.decode(value, ObjectHead.class);
            if (head.deleteMarker()) {
                return true; // hidden, and a common prefix shows only once a live key is found in it (as S3 does)
            }
            String group = grouping.groupOf(head.key());
            if (objects.size() + prefixes.size() == limit) {
                more = true;
                return false;
            }
            if (group == null) {
                objects.add(head);
                last = head.key();
                return true;
            }
            prefixes.add(group);
            last = group;
            next[0] = Keys.prefixEnd(Keys.head(bucket, group));
            return false;
        });
        return next[0];
    }
}
