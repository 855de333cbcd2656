package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The listing entry of a key: a summary of its latest version plus how many versions it has, kept beside the versions
 * so that listing a bucket reads one record per key.
 *
 * @param etag         the latest version's ETag, or null
 * @param deleteMarker the latest version is a delete marker: listings and reads of the key see nothing
 * @param nullVersion  the number of the key's "null" version (see {@link ObjectVersion#nullVersion()}), 0 if none
 */
public record ObjectHead(String bucket, String key, long latestVersion, long versionCount, long nextVersion,
                         long size, long createdAt, int chunkCount, String contentType, String etag,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleteMarker,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) long nullVersion) {
}
