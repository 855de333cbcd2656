package io.cairn.api;

import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.PartChoice;
import java.util.List;
import java.util.Objects;

/**
 * Complete a multipart upload with these parts, in order.
 *
 * @param content the whole object's ETag and checksum, computed from the parts, and an If-Match condition
 */
public record CompleteUploadRequest(String bucket, String key, String uploadId, List<PartChoice> parts,
                                    boolean ifNoneMatch, ContentInfo content) {
    public CompleteUploadRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(parts, "parts");
        parts = List.copyOf(parts);
    }
}
