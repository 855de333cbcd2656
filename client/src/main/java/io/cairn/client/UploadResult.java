package io.cairn.client;

import io.cairn.core.model.ObjectVersion;

/** The committed version and how many of its chunks were already stored (and so not sent again). */
public record UploadResult(ObjectVersion version, int deduplicatedChunks) {
}
