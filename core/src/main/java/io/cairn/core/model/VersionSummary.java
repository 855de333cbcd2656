package io.cairn.core.model;

/**
 * One version in a listing of versions (S3's ListObjectVersions): what it shows without the chunk list.
 *
 * @param latest whether it is its key's latest version
 */
public record VersionSummary(String key, long version, long size, long createdAt, String etag, boolean deleteMarker,
                             boolean nullVersion, boolean latest) {
}
