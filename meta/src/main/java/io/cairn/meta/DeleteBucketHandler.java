package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.BucketRecord;

/**
 * {@link MetaCommand.DeleteBucket}: only an empty bucket, so no version is ever orphaned; its policy, CORS
 * configuration, owner and quota go with it.
 */
final class DeleteBucketHandler {
    private DeleteBucketHandler() {
    }

    static BucketRecord apply(MetaCommand.DeleteBucket command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.name());
        if (tx.storedBucketHasObjects(bucket.name())) {
            throw new CairnException(ErrorCode.BUCKET_NOT_EMPTY, "bucket '" + bucket.name() + "' is not empty");
        }
        tx.deleteBucket(bucket.name());
        // A bucket created later under this name must not start with this one's policy or CORS rules.
        tx.deleteBucketPolicy(bucket.name());
        tx.setBucketCors(bucket.name(), null);
        tx.forgetBucketAccounts(bucket.name());
        return bucket;
    }
}
