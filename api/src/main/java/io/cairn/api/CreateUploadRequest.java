package io.cairn.api;

import io.cairn.core.model.Acl;
import io.cairn.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * Start a multipart upload; the controller picks its id.
 *
 * @param headers           standard headers the completed object keeps
 * @param checksumAlgorithm the checksum each part will carry, or null
 * @param acl               the completed object's ACL, or null for owner-only
 * @param checksumType      FULL_OBJECT or COMPOSITE (null: COMPOSITE), how the parts' checksums make the object's
 * @param tags              the completed object's tags; empty for none
 */
public record CreateUploadRequest(String bucket, String key, String contentType, Map<String, String> metadata,
                                  Map<String, String> headers, String checksumAlgorithm, Acl acl,
                                  String checksumType, Map<String, String> tags) {
    public CreateUploadRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tags = Tags.sorted(tags);
    }

    public CreateUploadRequest(String bucket, String key, String contentType, Map<String, String> metadata,
                               Map<String, String> headers, String checksumAlgorithm) {
        this(bucket, key, contentType, metadata, headers, checksumAlgorithm, null, null, null);
    }
}
