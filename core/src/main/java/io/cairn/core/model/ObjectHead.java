package io.cairn.core.model;

/**
 * The listing entry of a key: a summary of its latest version plus how many versions it has, kept beside the versions
 * so that listing a bucket reads one record per key.
 */
public record ObjectHead(String bucket, String key, long latestVersion, long versionCount, long nextVersion,
                         long size, long createdAt, int chunkCount, String contentType) {
}
