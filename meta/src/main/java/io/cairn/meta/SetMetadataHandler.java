package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;

/** {@link MetaCommand.SetMetadata}: the only change a version's record ever sees after its commit. */
final class SetMetadataHandler {
    private SetMetadataHandler() {
    }

    static ObjectVersion apply(MetaCommand.SetMetadata command, Tx tx) {
        tx.requireBucket(command.bucket());
        ObjectHead head = tx.requireHead(command.bucket(), command.key());
        if (head.deleteMarker()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "file '" + command.key() + "' not found in bucket '"
                    + command.bucket() + "'");
        }
        ObjectVersion latest = tx.version(command.bucket(), command.key(), head.latestVersion());
        if (latest == null) {
            throw new CairnException(ErrorCode.INTERNAL, "head of '" + command.key() + "' names version "
                    + head.latestVersion() + ", which is missing");
        }
        ObjectVersion updated = latest.withMetadata(command.metadata());
        tx.replaceVersion(updated);
        return updated;
    }
}
