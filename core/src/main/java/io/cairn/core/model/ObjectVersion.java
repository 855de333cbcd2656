package io.cairn.core.model;

import java.util.List;
import java.util.Map;

/**
 * One immutable version of an object: its bytes are the concatenation of {@code chunks}. Only {@code metadata} may be
 * replaced later (by a logged command), never the content.
 *
 * @param createdAt   epoch milliseconds fixed by the controller when it decided the commit
 * @param replication replicas every chunk of this version must have
 */
public record ObjectVersion(String bucket, String key, long version, long size, int chunkSize, int replication,
                            long createdAt, String contentType, Map<String, String> metadata, List<ChunkRef> chunks) {
    public ObjectVersion {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        chunks = List.copyOf(chunks);
        if (version < 1 || size < 0) {
            throw new IllegalArgumentException("version >= 1 and size >= 0 required");
        }
    }

    public ObjectVersion withMetadata(Map<String, String> newMetadata) {
        return new ObjectVersion(bucket, key, version, size, chunkSize, replication, createdAt, contentType,
                newMetadata, chunks);
    }
}
