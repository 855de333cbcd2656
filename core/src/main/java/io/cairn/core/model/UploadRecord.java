package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A multipart upload in progress: what its object will be once completed. Its parts are {@link PartRecord}s.
 *
 * @param uploadId          unique in the cluster; sorts by creation time
 * @param checksumAlgorithm the checksum every part carries (S3's x-amz-checksum-algorithm), or null
 * @param headers           standard headers the completed object keeps (see {@link ObjectVersion#headers()})
 * @param acl               the completed object's ACL (given when the upload began, as S3 has it), or null
 * @param checksumType      how the parts' checksums make the object's (S3's x-amz-checksum-type): FULL_OBJECT, or
 *                          COMPOSITE, which null means too
 * @param tags              the completed object's tags (given when the upload began, as S3 has it); empty for none
 */
public record UploadRecord(String bucket, String key, String uploadId, long initiatedAt, String contentType,
                           Map<String, String> metadata, Map<String, String> headers, String checksumAlgorithm,
                           Acl acl, String checksumType,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {
    public UploadRecord {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tags = Tags.sorted(tags);
    }
}
