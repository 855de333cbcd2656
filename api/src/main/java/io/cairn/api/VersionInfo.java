package io.cairn.api;

/**
 * One version of a key ({@code uploaded_at} is ISO-8601 UTC).
 *
 * @param delete_marker the version records a delete (made through S3): it has no content
 * @param null_version  S3's "null" version: written while the bucket was not versioning
 */
public record VersionInfo(long version, long size, String uploaded_at, int chunks, boolean latest, String etag,
                          boolean delete_marker, boolean null_version) {
}
