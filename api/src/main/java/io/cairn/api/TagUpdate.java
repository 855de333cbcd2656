package io.cairn.api;

import io.cairn.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces the tags of a bucket ({@code key} null) or of a version of an object.
 *
 * @param version null for the latest
 * @param tags    the whole new set, empty to remove every tag
 */
public record TagUpdate(String bucket, String key, Long version, Map<String, String> tags) {
    public TagUpdate {
        Objects.requireNonNull(bucket, "bucket");
        tags = Tags.sorted(tags);
    }
}
