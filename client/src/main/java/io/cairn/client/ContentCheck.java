package io.cairn.client;

import io.cairn.core.model.ContentInfo;
import java.util.HexFormat;

/**
 * The last step of an upload before its commit, run once the whole body was read and stored: given the MD5 of the
 * bytes, it checks what the client declared about them (Content-MD5, a checksum) and says what the version keeps.
 * Throwing refuses the upload; nothing is committed.
 */
@FunctionalInterface
public interface ContentCheck {
    /** Keeps the MD5 as the ETag and nothing else. */
    ContentCheck ETAG_ONLY = md5 -> new ContentInfo(HexFormat.of().formatHex(md5), null, null, null);

    ContentInfo verify(byte[] md5);
}
