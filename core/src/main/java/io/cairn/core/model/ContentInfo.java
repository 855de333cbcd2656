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
 */
public record ContentInfo(String etag, Checksum checksum,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers, String ifMatch,
                          Acl acl) {
    public static final ContentInfo NONE = new ContentInfo(null, null, Map.of(), null);

    public ContentInfo {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    public ContentInfo(String etag, Checksum checksum, Map<String, String> headers, String ifMatch) {
        this(etag, checksum, headers, ifMatch, null);
    }

    public ContentInfo withAcl(Acl newAcl) {
        return new ContentInfo(etag, checksum, headers, ifMatch, newAcl);
    }
}
