package io.cairn.meta;

import io.cairn.core.model.BucketRecord;

/** {@link MetaCommand.SetBucketPolicy} and {@link MetaCommand.DeleteBucketPolicy}; deleting its bucket deletes it. */
final class BucketPolicyHandlers {
    private BucketPolicyHandlers() {
    }

    static String set(MetaCommand.SetBucketPolicy command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        tx.putBucketPolicy(bucket.name(), command.document());
        return command.document();
    }

    static Boolean delete(MetaCommand.DeleteBucketPolicy command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        if (tx.bucketPolicy(bucket.name()) == null) {
            return false;
        }
        tx.deleteBucketPolicy(bucket.name());
        return true;
    }
}
