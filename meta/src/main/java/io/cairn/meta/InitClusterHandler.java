package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Versioning;

/** {@link MetaCommand.InitCluster}: the first one wins, so every controller can send it at start. */
final class InitClusterHandler {
    private InitClusterHandler() {
    }

    static String apply(MetaCommand.InitCluster command, Tx tx) {
        String existing = tx.clusterId();
        if (existing != null) {
            return existing;
        }
        if (command.clusterId().isBlank()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a cluster id must not be blank");
        }
        tx.putClusterId(command.clusterId());
        ChunkIndexes.markBuilt(tx);
        tx.putUsageBuilt();
        if (tx.bucket(Names.DEFAULT_BUCKET) == null) {
            tx.putBucket(new BucketRecord(Names.DEFAULT_BUCKET, command.at(), Versioning.ENABLED));
        }
        return command.clusterId();
    }
}
