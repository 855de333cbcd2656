package io.cairn.api;

public record VersionInfo(long version, long size, String uploaded_at, int chunks, boolean latest) {
}
