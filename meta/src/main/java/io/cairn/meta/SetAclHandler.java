package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;

/** {@link MetaCommand.SetAcl}: like {@link SetMetadataHandler}, a change a committed version's record may see. */
final class SetAclHandler {
    private SetAclHandler() {
    }

    static Acl apply(MetaCommand.SetAcl command, Tx tx) {
        BucketRecord bucket = tx.requireBucket(command.bucket());
        if (bucket.ownership() == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            // The gateway refuses these before asking; only an ownership change it had not seen yet ends up here.
            throw new CairnException(ErrorCode.CONFLICT, "bucket '" + bucket.name() + "' has ACLs disabled (Object "
                    + "Ownership " + bucket.ownership().wireName() + ")");
        }
        Acls.requireSettable(bucket, command.acl(), tx);
        if (command.key() == null) {
            // A bucket's owner is kept beside it (for quotas): its ACL holds the grants alone.
            Acl acl = new Acl(null, command.acl().grants());
            tx.putBucket(bucket.withAcl(acl));
            return acl;
        }
        ObjectVersion version = Versions.settable(bucket.name(), command.key(), command.version(), "an ACL", tx);
        // Who wrote the version owns it: an ACL changes what others may do, never who the owner is.
        Acl acl = new Acl(version.acl() == null ? null : version.acl().owner(), command.acl().grants());
        tx.replaceVersion(version.withAcl(acl));
        return acl;
    }
}
