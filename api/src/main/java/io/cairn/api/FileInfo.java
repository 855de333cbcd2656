package io.cairn.api;

import io.cairn.core.model.ObjectHead;
import java.time.Instant;

/** A listing entry: a key and its latest version ({@code uploaded_at} is ISO-8601 UTC). */
public record FileInfo(String filename, long size, long version, long versions, String uploaded_at, int chunks,
                       String content_type) {
    public static FileInfo of(ObjectHead head) {
        return new FileInfo(head.key(), head.size(), head.latestVersion(), head.versionCount(),
                Instant.ofEpochMilli(head.createdAt()).toString(), head.chunkCount(), head.contentType());
    }
}
