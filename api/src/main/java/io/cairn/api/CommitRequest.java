package io.cairn.api;

import io.cairn.core.model.ContentInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Make a new version of {@code key} visible. Sent only after every chunk is durable on its replicas.
 *
 * @param ifNoneMatch when true the commit fails with ALREADY_EXISTS if the key has a version (conditional create)
 * @param requestId   the same on every retry of one commit, or null: a retry after a lost reply then answers the
 *                    version the first attempt created instead of creating another
 * @param content     ETag, checksum, stored headers and If-Match of the upload; null for none
 */
public record CommitRequest(String bucket, String key, long size, int chunkSize, int replication, String contentType,
                            Map<String, String> metadata, List<CommittedChunk> chunks, boolean ifNoneMatch,
                            String requestId, ContentInfo content) {
    public CommitRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chunks, "chunks");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        chunks = List.copyOf(chunks);
        content = content == null ? ContentInfo.NONE : content;
    }
}
