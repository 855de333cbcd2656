package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.util.ArrayList;
import java.util.List;

/** {@link MetaCommand.DeleteObject}: removes versions for good and releases their chunk references. */
final class DeleteObjectHandler {
    private DeleteObjectHandler() {
    }

    static List<Long> apply(MetaCommand.DeleteObject command, Tx tx) {
        String bucket = tx.requireBucket(command.bucket()).name();
        ObjectHead head = tx.requireHead(bucket, command.key());
        return command.version() == null ? deleteAll(head, tx) : deleteOne(head, command.version(), tx);
    }

    private static List<Long> deleteAll(ObjectHead head, Tx tx) {
        List<Long> deleted = new ArrayList<>();
        for (ObjectVersion version : tx.storedVersions(head.bucket(), head.key())) {
            Versions.release(version, tx);
            deleted.add(version.version());
        }
        tx.deleteHead(head);
        return deleted;
    }

    private static List<Long> deleteOne(ObjectHead head, long number, Tx tx) {
        ObjectVersion version = tx.version(head.bucket(), head.key(), number);
        if (version == null) {
            throw new CairnException(ErrorCode.NO_SUCH_VERSION, "version " + number + " of '" + head.key()
                    + "' not found in bucket '" + head.bucket() + "'");
        }
        Versions.remove(head, version, tx);
        return List.of(number);
    }
}
