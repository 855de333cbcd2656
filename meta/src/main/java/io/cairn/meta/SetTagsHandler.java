package io.cairn.meta;

import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ObjectVersion;
import java.util.Map;

/**
 * {@link MetaCommand.SetTags}: like {@link SetAclHandler}, a change a committed version's record may see; the version
 * is the one there when the command is applied, so tags never land on a version deleted after they were asked for.
 */
final class SetTagsHandler {
    private SetTagsHandler() {
    }

    static Map<String, String> apply(MetaCommand.SetTags command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        if (command.key() == null) {
            tx.putBucket(bucket.withTags(command.tags()));
        } else {
            ObjectVersion version = Versions.settable(bucket.name(), command.key(), command.version(), "tags", tx);
            tx.replaceVersion(version.withTags(command.tags()));
        }
        return command.tags();
    }
}
