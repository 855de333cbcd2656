package io.cairn.meta;

import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Versioning;
import java.util.List;

/** {@link MetaCommand.DeleteKey}. */
final class DeleteKeyHandler {
    private DeleteKeyHandler() {
    }

    static KeyDeletion apply(MetaCommand.DeleteKey command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        String key = Keys.requireStorable(command.key());
        ObjectHead head = tx.head(bucket.name(), key);
        boolean replacesNull = bucket.versioning() != Versioning.ENABLED && head != null && head.nullVersion() != 0;
        List<Long> removed = replacesNull ? List.of(head.nullVersion()) : List.of();
        if (bucket.versioning() == Versioning.UNVERSIONED) {
            if (replacesNull) {
                Versions.remove(head, tx.version(bucket.name(), key, head.nullVersion()), tx);
            }
            return new KeyDeletion(null, removed);
        }
        ObjectVersion marker = Versions.publish(bucket, key, head,
                (number, nullVersion) -> ObjectVersion.deleteMarker(bucket.name(), key, number, command.at(),
                        nullVersion), tx);
        return new KeyDeletion(marker, removed);
    }
}
