package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sizes;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Usage;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quotas of buckets and users, decided when a version is applied: the one place that sees every commit in log order,
 * so two gateways committing at once cannot both slip under a limit. Only a command that adds bytes or versions is
 * refused; one that shrinks what is held always passes, even over a quota lowered below it.
 */
final class Quotas {
    private static final int BATCH = 10_000;

    private Quotas() {
    }

    static Usage set(MetaCommand.SetQuota command, Tx tx) {
        String name = command.name();
        switch (command.scope()) {
            case BUCKET -> tx.requireBucket(name);
            case USER -> {
                if (tx.user(name) == null) {
                    throw new CairnException(ErrorCode.NOT_FOUND, "no user '" + name + "'");
                }
            }
        }
        tx.putQuota(command.scope(), name, command.quota());
        return command.scope() == QuotaScope.BUCKET ? tx.bucketUsage(name) : tx.userUsage(name);
    }

    /** Refuses the command if what it adds to {@code bucket} takes the bucket or its owner over a quota. */
    static void check(String bucket, Tx tx) {
        long[] delta = tx.usageDelta(bucket);
        if (delta[0] <= 0 && delta[1] <= 0) {
            return;
        }
        refuseOver(tx.quota(QuotaScope.BUCKET, bucket), tx.bucketUsage(bucket), delta, "bucket '" + bucket + "'");
        String owner = tx.bucketOwner(bucket);
        if (owner != null) {
            refuseOver(tx.quota(QuotaScope.USER, owner), tx.userUsage(owner), delta, "user '" + owner + "'");
        }
    }

    private static void refuseOver(Quota quota, Usage after, long[] delta, String whose) {
        if (quota == null) {
            return;
        }
        boolean bytes = delta[0] > 0 && quota.maxBytes() > 0 && after.bytes() > quota.maxBytes();
        boolean objects = delta[1] > 0 && quota.maxObjects() > 0 && after.objects() > quota.maxObjects();
        if (bytes) {
            throw new CairnException(ErrorCode.QUOTA_EXCEEDED, "this write would take " + whose + " to "
                    + Sizes.human(after.bytes()) + ", over its quota of " + Sizes.human(quota.maxBytes()));
        }
        if (objects) {
            throw new CairnException(ErrorCode.QUOTA_EXCEEDED, "this write would take " + whose + " to "
                    + after.objects() + " objects, over its quota of " + quota.maxObjects());
        }
    }

    /**
     * Sums what each bucket holds from its versions, once, for a store written before usage was kept (its buckets
     * have no owners, so no user usage). Derived from the versions alone, so every controller writes the same bytes.
     */
    static void ensureUsageBuilt(MetaStore store) {
        KeyValueView live = store.live();
        if (live.get(Keys.USAGE_BUILT) != null || live.get(Keys.CLUSTER_ID) == null) {
            return;
        }
        Map<String, long[]> sums = new TreeMap<>();
        byte[] versions = Keys.kind(Keys.VERSION);
        live.scan(versions, Keys.prefixEnd(versions), (key, value) -> {
            ObjectVersion version = RecordCodec.decode(value, ObjectVersion.class);
            if (!version.deleteMarker()) {
                long[] sum = sums.computeIfAbsent(version.bucket(), b -> new long[2]);
                sum[0] += version.size();
                sum[1]++;
            }
            return true;
        });
        TreeMap<byte[], byte[]> batch = new TreeMap<>(Arrays::compareUnsigned);
        for (Map.Entry<String, long[]> sum : sums.entrySet()) {
            batch.put(Keys.bucketUsage(sum.getKey()), RecordCodec.encode(new Usage(sum.getValue()[0],
                    sum.getValue()[1])));
            if (batch.size() >= BATCH) {
                store.write(batch);
                batch.clear();
            }
        }
        batch.put(Keys.USAGE_BUILT, RecordCodec.encode(1L));
        store.write(batch);
    }
}
