package io.cairn.client;

import io.cairn.core.CairnException;
import io.cairn.core.ChunkLimits;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Consistency;
import java.util.Map;

/**
 * What to store and how: the destination, the chunk size (already validated against the cluster's bounds), the
 * replication factor (0 = cluster default), the limit above which the upload is refused with 413, and the check that
 * decides what the version keeps about its content ({@link ContentCheck#ETAG_ONLY} if null), and how many copies
 * must be durable before the write is acknowledged (null: the bucket's setting).
 */
public record UploadSpec(String bucket, String key, int chunkSize, int replication, String contentType,
                         Map<String, String> metadata, boolean ifNoneMatch, long maxSize, ContentCheck content,
                         Consistency consistency) {
    public static final int MAX_REPLICATION = 16;

    public UploadSpec {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        content = content == null ? ContentCheck.ETAG_ONLY : content;
        if (chunkSize < ChunkLimits.MIN_CHUNK_SIZE || chunkSize > ChunkLimits.MAX_CHUNK_SIZE) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "chunk_size must be between " + ChunkLimits.MIN_CHUNK_SIZE
                    + " and " + ChunkLimits.MAX_CHUNK_SIZE + " bytes, got " + chunkSize);
        }
        if (replication < 0 || replication > MAX_REPLICATION) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT,
                    "replication_factor must be between 1 and " + MAX_REPLICATION + ", got " + replication);
        }
    }
}
