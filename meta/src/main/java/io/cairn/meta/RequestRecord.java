package io.cairn.meta;

/**
 * What a commit that carried a request id did: the version it created, and when (the command's {@code at}), so that a
 * retry of it answers that version instead of creating another, until the record is pruned.
 */
record RequestRecord(String requestId, String bucket, String key, long version, long at) {
}
