package io.cairn.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The tags of an object version or a bucket (S3's tagging) as records keep them: key to value, sorted by key, as S3
 * lists them back; no tags at all is the empty map, never null. The limits on them are the S3 API's to check.
 */
public final class Tags {
    private Tags() {
    }

    /** An unmodifiable copy sorted by key; null reads as none. */
    public static Map<String, String> sorted(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>(tags);
        sorted.values().forEach(value -> Objects.requireNonNull(value, "a tag's value"));
        return Collections.unmodifiableMap(sorted);
    }
}
