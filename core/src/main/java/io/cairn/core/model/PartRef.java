package io.cairn.core.model;

/**
 * One part of a version made by a multipart upload, in order: its bytes are the next {@code chunks} chunks of the
 * version. Kept so that a part can be read back alone (S3's {@code partNumber} on GET and HEAD) and listed with its
 * size and checksum (GetObjectAttributes).
 *
 * @param checksum the part's verified checksum, or null (none was sent, or the version was completed before parts'
 *                 checksums were kept)
 */
public record PartRef(int number, long size, int chunks, Checksum checksum) {
    public PartRef(int number, long size, int chunks) {
        this(number, size, chunks, null);
    }
}
