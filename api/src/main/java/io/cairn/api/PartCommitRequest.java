package io.cairn.api;

import io.cairn.core.model.Checksum;
import java.util.List;
import java.util.Objects;

/**
 * Record one part of a multipart upload, sent once its chunks are durable.
 *
 * @param etag        hex MD5 of the part
 * @param checksum    the part's verified checksum, or null
 * @param replication replicas per chunk (0 = cluster default)
 */
public record PartCommitRequest(String bucket, String key, String uploadId, int number, long size, String etag,
                                Checksum checksum, List<CommittedChunk> chunks, int replication) {
    public PartCommitRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(chunks, "chunks");
        chunks = List.copyOf(chunks);
    }
}
