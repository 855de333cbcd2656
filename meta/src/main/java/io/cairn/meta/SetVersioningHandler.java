package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Versioning;
import java.util.function.UnaryOperator;

/**
 * {@link MetaCommand.SetVersioning}, {@link MetaCommand.SetConsistency}, {@link MetaCommand.SetOwnership} and
 * {@link MetaCommand.SetPublicAccessBlock}: a bucket's settings.
 */
final class SetVersioningHandler {
    private SetVersioningHandler() {
    }

    static BucketRecord apply(MetaCommand.SetVersioning command, Tx tx) {
        return update(tx, command.bucket(), bucket -> {
            if (command.versioning() == Versioning.UNVERSIONED && bucket.versioning() != Versioning.UNVERSIONED) {
                throw new CairnException(ErrorCode.INVALID_ARGUMENT, "versioning of bucket '" + bucket.name()
                        + "' can be suspended but not turned off once it was enabled");
            }
            return bucket.withVersioning(command.versioning());
        });
    }

    static BucketRecord consistency(MetaCommand.SetConsistency command, Tx tx) {
        return update(tx, command.bucket(), bucket -> bucket.withConsistency(command.consistency()));
    }

    static BucketRecord ownership(MetaCommand.SetOwnership command, Tx tx) {
        return update(tx, command.bucket(), bucket -> {
            Acls.requireAclsAllowed(command.ownership(), bucket.acl(), tx.bucketOwner(bucket.name()));
            return bucket.withOwnership(command.ownership());
        });
    }

    static BucketRecord publicAccessBlock(MetaCommand.SetPublicAccessBlock command, Tx tx) {
        return update(tx, command.bucket(), bucket -> bucket.withPublicAccessBlock(command.block()));
    }

    /** One setting of an existing bucket changed, after the checks {@code change} makes. */
    private static BucketRecord update(Tx tx, String bucket, UnaryOperator<BucketRecord> change) {
        BucketRecord updated = change.apply(tx.requireBucket(bucket));
        tx.putBucket(updated);
        return updated;
    }
}
