package io.cairn.s3;

import io.cairn.core.CairnException;
import io.cairn.http.PercentCodec;

/**
 * The {@code x-amz-copy-source} header: {@code [/]bucket/key[?versionId=id]}, the bucket and key URL-encoded.
 *
 * @param versionId null for the latest version
 */
record CopySource(String bucket, String key, String versionId) {
    private static final String VERSION_PARAM = "?versionId=";

    static CopySource parse(String header) {
        if (header == null || header.isBlank()) {
            throw invalid();
        }
        String value = header.strip();
        String versionId = null;
        int query = value.indexOf(VERSION_PARAM);
        if (query >= 0) {
            versionId = value.substring(query + VERSION_PARAM.length());
            value = value.substring(0, query);
        }
        String decoded;
        try {
            decoded = PercentCodec.decodePath(value.startsWith("/") ? value.substring(1) : value);
        } catch (CairnException e) {
            throw invalid();
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1 || (versionId != null && versionId.isEmpty())) {
            throw invalid();
        }
        return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
    }

    private static S3Exception invalid() {
        return new S3Exception(S3Error.InvalidArgument, "Copy Source must mention the source bucket and key: "
                + "sourcebucket/sourcekey");
    }
}
