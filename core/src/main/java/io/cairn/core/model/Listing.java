package io.cairn.core.model;

import java.util.List;

/**
 * One page of a bucket listing, S3-style: keys whose latest version is live, and the common prefixes that group the
 * keys containing the delimiter after the prefix, in one ascending order.
 *
 * @param next the {@code after} value that continues the listing (the page's last key or common prefix); null when
 *             this page is the last
 */
public record Listing(List<ObjectHead> objects, List<String> prefixes, String next) {
    public Listing {
        objects = List.copyOf(objects);
        prefixes = List.copyOf(prefixes);
    }
}
