package io.cairn.meta;

import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.VersionSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one {@link VersionListing}: heads in key order (delete-marked keys included), and for each its versions
 * newest first, grouped by common prefix as {@link ListingScan} does. A page costs O(page) seeks plus the versions it
 * shows.
 */
final class VersionScan {
    private final String bucket;
    private final KeyGrouping grouping;
    private final int limit;
    private final List<VersionSummary> versions = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private String lastKey;
    private long lastVersion;
    private boolean more;

    VersionScan(String bucket, String prefix, String delimiter, int limit) {
        this.bucket = bucket;
        this.grouping = new KeyGrouping(prefix, delimiter);
        this.limit = limit;
    }

    /**
     * @param afterKey     start after this key (or common prefix), or at the top when null
     * @param afterVersion with {@code afterKey}: continue with that key's versions older than this one; 0 to skip
     *                     the key altogether
     */
    VersionListing run(KeyValueView view, String afterKey, long afterVersion) {
        byte[] start = Keys.headPrefix(bucket, grouping.prefix());
        byte[] end = Keys.prefixEnd(start);
        if (afterKey != null && !afterKey.isEmpty()) {
            if (afterVersion > 0 && afterKey.startsWith(grouping.prefix()) && grouping.groupOf(afterKey) == null) {
                view.scan(Keys.head(bucket, afterKey), Keys.successor(Keys.head(bucket, afterKey)), (k, v) -> {
                    emitVersions(view, RecordCodec.decode(v, ObjectHead.class), afterVersion);
                    return false;
                });
            }
            byte[] resume = grouping.isGroup(afterKey) ? Keys.prefixEnd(Keys.head(bucket, afterKey))
                    : Keys.successor(Keys.head(bucket, afterKey));
            if (Arrays.compareUnsigned(resume, start) > 0) {
                start = resume;
            }
        }
        while (!more && start != null && Arrays.compareUnsigned(start, end) < 0) {
            start = scanFrom(view, start, end);
        }
        return new VersionListing(versions, prefixes, more ? lastKey : null, more ? lastVersion : 0);
    }

    private byte[] scanFrom(KeyValueView view, byte[] from, byte[] end) {
        byte[][] next = {null};
        view.scan(from, end, (rawKey, value) -> {
            ObjectHead head = RecordCodec.decode(value, ObjectHead.class);
            if (full()) {
                more = true;
                return false;
            }
            String group = grouping.groupOf(head.key());
            if (group != null) {
                prefixes.add(group);
                lastKey = group;
                lastVersion = 0;
                next[0] = Keys.prefixEnd(Keys.head(bucket, group));
                return false;
            }
            emitVersions(view, head, Long.MAX_VALUE);
            return !more;
        });
        return next[0];
    }

    /** The key's versions below {@code below}, newest first, until the page is full. */
    private void emitVersions(KeyValueView view, ObjectHead head, long below) {
        byte[] first = Keys.versionPrefix(bucket, head.key());
        byte[] to = below == Long.MAX_VALUE ? Keys.prefixEnd(first) : Keys.version(bucket, head.key(), below);
        while (true) {
            KeyValueView.Entry entry = view.last(first, to);
            if (entry == null) {
                return;
            }
            if (full()) {
                more = true;
                return;
            }
            ObjectVersion version = RecordCodec.decode(entry.value(), ObjectVersion.class);
            versions.add(new VersionSummary(version.key(), version.version(), version.size(), version.createdAt(),
                    version.entityTag(), version.deleteMarker(), version.nullVersion(),
                    version.version() == head.latestVersion()));
            lastKey = version.key();
            lastVersion = version.version();
            to = entry.key();
        }
    }

    private boolean full() {
        return versions.size() + prefixes.size() >= limit;
    }
}
