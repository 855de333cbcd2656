package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Versioning;

/**
 * {@link MetaCommand.SetVersioning}, {@link MetaCommand.SetConsistency}, {@link MetaCommand.SetOwnership} and
 * {@link MetaCommand.SetPublicAccessBlock}: a bucket's settings.
 */
final class SetVersioningHandler {
    private SetVersioningHandler() {
    }

    static BucketRecord apply(MetaCommand.SetVersioning command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        if (command.versioning() == Versioning.UNVERSIONED && bucket.versioning() != Versioning.UNVERSIONED) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "versioning of bucket '" + bucket.name()
                    + "' can be suspended but not turned off once it was enabled");
        }
        BucketRecord updated = bucket.withVersioning(command.versioning());
        tx.putBucket(updated);
        return updated;
    }

    static BucketRecord consistency(MetaCommand.SetConsistency command, Tx tx) {
        BucketRecord updated = tx.requireBucket(command.bucket()).withConsistency(command.consistency());
        tx.putBucket(updated);
        return updated;
    }

    static BucketRecord ownership(MetaCommand.SetOwnership command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        Acls.requireAclsAllowed(command.ownership(), bucket.acl(), tx.bucketOwner(bucket.name()));
        BucketRecord updated = bucket.withOwnership(command.ownership());
        tx.putBucket(updated);
        return updated;
    }

    static BucketRecord publicAccessBlock(MetaCommand.SetPublicAccessBlock command, Tx tx) {
        BucketRecord updated = tx.requireBucket(command.bucket()).withPublicAccessBlock(command.block());
        tx.putBucket(updated);
        return updated;
    }
}
