package io.cairn.core.model;

import java.util.List;

/**
 * One uploaded part of a multipart upload. Its chunks are referenced (and so kept) while the upload is open; completing
 * the upload hands the references of the parts it uses to the new version, aborting it releases them.
 *
 * @param etag     hex MD5 of the part's bytes
 * @param checksum the part's verified checksum, or null
 */
public record PartRecord(String uploadId, int number, long size, String etag, Checksum checksum,
                         List<ChunkRef> chunks, long createdAt) {
    public PartRecord {
        chunks = List.copyOf(chunks);
    }
}
