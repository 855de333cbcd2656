package io.cairn.core.model;

/**
 * One part of a version made by a multipart upload, in order: its bytes are the next {@code chunks} chunks of the
 * version. Kept so that a part can be read back alone (S3's {@code partNumber} on GET and HEAD).
 */
public record PartRef(int number, long size, int chunks) {
}
