package io.cairn.api;

/** A listing entry: a key and its latest version ({@code uploaded_at} is ISO-8601 UTC). */
public record FileInfo(String filename, long size, long version, long versions, String uploaded_at, int chunks,
                       String content_type) {
}
