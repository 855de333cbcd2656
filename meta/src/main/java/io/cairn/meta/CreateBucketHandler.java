package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.BucketRecord;

/** {@link MetaCommand.CreateBucket}. */
final class CreateBucketHandler {
    private CreateBucketHandler() {
    }

    static BucketRecord apply(MetaCommand.CreateBucket command, Tx tx) {
        String name = Names.bucket(command.name());
        if (tx.bucket(name) != null) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "bucket '" + name + "' already exists");
        }
        Acls.requireGrantees(command.acl(), tx);
        Acls.requireAclsAllowed(command.ownership(), command.acl(), command.owner());
        BucketRecord bucket = new BucketRecord(name, command.at(), command.versioning(), null, command.acl(),
                command.ownership());
        tx.putBucket(bucket);
        if (command.owner() != null) {
            if (tx.user(command.owner()) == null) {
                throw new CairnException(ErrorCode.NOT_FOUND, "no user '" + command.owner() + "' to own the bucket");
            }
            tx.putBucketOwner(name, command.owner());
        }
        return bucket;
    }
}
