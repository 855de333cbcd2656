package io.cairn.meta;

import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;

/** How an {@link ObjectHead} summarises a key: its latest version's fields, plus counters the head alone keeps. */
final class Heads {
    private Heads() {
    }

    /** @param nextVersion never lowered while the key exists, so a deleted version's number is not reused */
    static ObjectHead summarise(ObjectVersion latest, long versionCount, long nextVersion) {
        return new ObjectHead(latest.bucket(), latest.key(), latest.version(), versionCount, nextVersion,
                latest.size(), latest.createdAt(), latest.chunks().size(), latest.contentType());
    }
}
