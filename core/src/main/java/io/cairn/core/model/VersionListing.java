package io.cairn.core.model;

import java.util.List;

/**
 * One page of a listing of versions: keys in order, each key's versions newest first, and common prefixes.
 *
 * @param nextKey     with {@code nextVersion}, where the next page starts (after that version of that key); null on
 *                    the last page
 * @param nextVersion the last version listed of {@code nextKey}, or 0 when the page ended with a common prefix
 */
public record VersionListing(List<VersionSummary> versions, List<String> prefixes, String nextKey,
                             long nextVersion) {
    public VersionListing {
        versions = List.copyOf(versions);
        prefixes = List.copyOf(prefixes);
    }
}
