package io.cairn.meta;

import io.cairn.core.model.BucketRecord;

/**
 * {@link MetaCommand.SetBucketPolicy}, {@link MetaCommand.DeleteBucketPolicy} and {@link MetaCommand.SetBucketCors}:
 * the documents kept beside a bucket; deleting the bucket deletes them.
 */
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

    static Boolean cors(MetaCommand.SetBucketCors command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        boolean had = tx.bucketCors(bucket.name()) != null;
        if (had || command.document() != null) {
            tx.setBucketCors(bucket.name(), command.document());
        }
        return had;
    }
}
