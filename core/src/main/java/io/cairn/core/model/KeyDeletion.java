package io.cairn.core.model;

import java.util.List;

/**
 * The result of {@code DeleteKey} command.
 *
 * @param marker  the delete marker it made, or null (an unversioned bucket)
 * @param removed the version numbers it removed for good (a replaced "null" version)
 */
public record KeyDeletion(ObjectVersion marker, List<Long> removed) {
    public KeyDeletion {
        removed = List.copyOf(removed);
    }
}
