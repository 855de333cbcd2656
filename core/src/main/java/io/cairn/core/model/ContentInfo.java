package io.cairn.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a commit says about its content beyond the chunks, all optional (absent in commits made before S3).
 *
 * @param etag     S3's entity tag (hex MD5 of the content), or null
 * @param checksum a checksum the writer verified, or null
 * @param headers  standard headers to store (see {@link ObjectVersion#headers()}); sorted, so that a command's
 *                 encoding does not depend on a hash seed
 * @param ifMatch  refuse (PRECONDITION_FAILED, or NOT_FOUND without a current version) unless the key's latest version
 *                 has this ETag: S3's conditional overwrite
 * @param acl      the new version's ACL, or null for one granting nothing beyond the bucket's owner
 * @param tags     the new version's tags (S3's object tagging), sorted like {@code headers}; empty for none, and then
 *                 left out of the encoding, so commands logged before tags existed read the same
 */
public record ContentInfo(String etag, Checksum checksum,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers, String ifMatch,
                          Acl acl, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {
    public static final ContentInfo NONE = new ContentInfo(null, null, Map.of(), null);

    public ContentInfo {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        tags = Tags.sorted(tags);
    }

    public ContentInfo(String etag, Checksum checksum, Map<String, String> headers, String ifMatch) {
        this(etag, checksum, headers, ifMatch, null, null);
    }

    public ContentInfo(String etag, Checksum checksum, Map<String, String> headers, String ifMatch, Acl acl) {
        this(etag, checksum, headers, ifMatch, acl, null);
    }

    public ContentInfo withAcl(Acl newAcl) {
        return new ContentInfo(etag, checksum, headers, ifMatch, newAcl, tags);
    }
}
