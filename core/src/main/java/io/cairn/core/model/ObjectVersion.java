package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cairn.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of an object: its bytes are the concatenation of {@code chunks}. Only {@code metadata} may be
 * replaced later (by a logged command), never the content.
 *
 * <p>The components after {@code chunks} came with the S3 API; a stored record without them reads with their defaults
 * (no ETag, not a marker, a numbered version, no checksum, no headers, one part).
 *
 * @param createdAt    epoch milliseconds fixed by the controller when it decided the commit
 * @param replication  replicas every chunk of this version must have
 * @param etag         S3's entity tag without quotes: hex MD5 of the content, or for a multipart upload the MD5 of
 *                     its parts' MD5s followed by "-" and the part count; null for versions written before S3
 * @param deleteMarker a delete marker: no content; while it is the latest version the key reads as absent
 * @param nullVersion  written while the bucket was not versioning: S3 calls it the "null" version, and the next such
 *                     write replaces it
 * @param checksum     the checksum the writer sent and the gateway verified, or null
 * @param headers      standard HTTP headers stored with the object and sent back on reads (lower-case names:
 *                     cache-control, content-disposition, content-encoding, content-language, expires)
 * @param parts        for a multipart upload, its parts in order; empty otherwise
 * @param acl          the version's ACL, null for one granting nothing beyond the bucket's owner; each version has
 *                     its own, as in S3, so a new version starts with the ACL its writer gave
 */
public record ObjectVersion(String bucket, String key, long version, long size, int chunkSize, int replication,
                            long createdAt, String contentType, Map<String, String> metadata, List<ChunkRef> chunks,
                            String etag,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleteMarker,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nullVersion,
                            Checksum checksum,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PartRef> parts, Acl acl,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {
    public ObjectVersion {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        chunks = List.copyOf(chunks);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        parts = parts == null ? List.of() : List.copyOf(parts);
        tags = Tags.sorted(tags);
        if (version < 1 || size < 0) {
            throw new IllegalArgumentException("version >= 1 and size >= 0 required");
        }
        if (deleteMarker && (size != 0 || !chunks.isEmpty())) {
            throw new IllegalArgumentException("a delete marker has no content");
        }
    }

    /** A version without tags. */
    public ObjectVersion(String bucket, String key, long version, long size, int chunkSize, int replication,
                         long createdAt, String contentType, Map<String, String> metadata, List<ChunkRef> chunks,
                         String etag, boolean deleteMarker, boolean nullVersion, Checksum checksum,
                         Map<String, String> headers, List<PartRef> parts, Acl acl) {
        this(bucket, key, version, size, chunkSize, replication, createdAt, contentType, metadata, chunks, etag,
                deleteMarker, nullVersion, checksum, headers, parts, acl, Map.of());
    }

    /** A delete marker made at {@code createdAt}. */
    public static ObjectVersion deleteMarker(String bucket, String key, long version, long createdAt,
                                             boolean nullVersion) {
        return new ObjectVersion(bucket, key, version, 0, 1, 1, createdAt, null, Map.of(), List.of(), null, true,
                nullVersion, null, Map.of(), List.of(), null);
    }

    /**
     * The ETag to show: the stored one, or for a version written before ETags were kept, a strong validator derived
     * from the content (the hash of its chunk ids, so equal bytes give equal tags).
     */
    public String entityTag() {
        if (etag != null) {
            return etag;
        }
        MessageDigest digest = Sha256.newDigest();
        for (ChunkRef chunk : chunks) {
            digest.update(chunk.id().hex().getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    public ObjectVersion withMetadata(Map<String, String> newMetadata) {
        return new ObjectVersion(bucket, key, version, size, chunkSize, replication, createdAt, contentType,
                newMetadata, chunks, etag, deleteMarker, nullVersion, checksum, headers, parts, acl, tags);
    }

    public ObjectVersion withAcl(Acl newAcl) {
        return new ObjectVersion(bucket, key, version, size, chunkSize, replication, createdAt, contentType,
                metadata, chunks, etag, deleteMarker, nullVersion, checksum, headers, parts, newAcl, tags);
    }

    public ObjectVersion withTags(Map<String, String> newTags) {
        return new ObjectVersion(bucket, key, version, size, chunkSize, replication, createdAt, contentType,
                metadata, chunks, etag, deleteMarker, nullVersion, checksum, headers, parts, acl, newTags);
    }
}
