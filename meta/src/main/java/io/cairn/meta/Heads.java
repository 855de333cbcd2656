package io.cairn.meta;

import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;

/** How an {@link ObjectHead} summarises a key: its latest version's fields, plus counters the head alone keeps. */
final class Heads {
    private Heads() {
    }

    /**
     * @param nextVersion never lowered while the key exists, so a deleted version's number is not reused
     * @param nullVersion the number of the key's "null" version, 0 if none
     */
    static ObjectHead summarise(ObjectVersion latest, long versionCount, long nextVersion, long nullVersion) {
        return new ObjectHead(latest.bucket(), latest.key(), latest.version(), versionCount, nextVersion,
                latest.size(), latest.createdAt(), latest.chunks().size(), latest.contentType(), latest.etag(),
                latest.deleteMarker(), nullVersion);
    }

    /** The same head after a version other than the latest was removed. */
    static ObjectHead withoutOlder(ObjectHead head, long removed) {
        return new ObjectHead(head.bucket(), head.key(), head.latestVersion(), head.versionCount() - 1,
                head.nextVersion(), head.size(), head.createdAt(), head.chunkCount(), head.contentType(), head.etag(),
                head.deleteMarker(), head.nullVersion() == removed ? 0 : head.nullVersion());
    }
}
