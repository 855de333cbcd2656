package io.cairn.api;

import java.util.Map;

/**
 * Start a multipart upload; the controller picks its id.
 *
 * @param headers           standard headers the completed object keeps
 * @param checksumAlgorithm the checksum each part will carry, or null
 */
public record CreateUploadRequest(String bucket, String key, String contentType, Map<String, String> metadata,
                                  Map<String, String> headers, String checksumAlgorithm) {
    public CreateUploadRequest {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
