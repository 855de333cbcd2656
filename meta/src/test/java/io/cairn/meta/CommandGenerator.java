package io.cairn.meta;

import io.cairn.core.NodeId;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Versioning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stream of plausible commands over small pools of buckets, keys, chunks, nodes, users, access keys and
 * policies, so that collisions (and with them rejections, dedup, deletes of what exists) are frequent. Half the commits carry a request id, some
 * are retries of earlier ones, and some pauses outlast the request records.
 */
final class CommandGenerator {
    private static final List<String> BUCKETS = List.of("default", "b-one", "b-two");
    private static final int KEYS = 12;
    private static final int CHUNKS = 24;
    private static final int NODES = 4;
    private static final List<String> USERS = List.of("alice", "bob", "carol");
    /** Canned and stored alike, so that some are refused to PutPolicy and some are attached when deleted. */
    private static final List<String> POLICIES = List.of("readonly", "admin", "p-one", "p-two");
    private static final int ACCESS_KEYS = 6;

    private final Random random;
    private final List<MetaCommand.CommitVersion> withRequestIds = new ArrayList<>();
    private long at = TestData.AT;

    CommandGenerator(long seed) {
        this.random = new Random(seed);
    }

    List<MetaCommand> next(int count) {
        List<MetaCommand> commands = new ArrayList<>(count);
        commands.add(new MetaCommand.InitCluster("cluster-" + random.nextInt(1000), at));
        for (int n = 0; n < NODES && commands.size() < count; n++) {
            commands.add(new MetaCommand.RegisterNode(NodeRecord.fresh(new NodeId("node-" + n), "http://h:9000", at,
                    null, "store-0")));
        }
        while (commands.size() < count) {
            commands.add(next());
        }
        return commands;
    }

    private MetaCommand next() {
        // Now and then a long pause, so that request records expire and are pruned.
        at += random.nextInt(100) == 0 ? CommitVersionHandler.REQUEST_TTL_MILLIS / 2 : random.nextInt(1000);
        if (random.nextInt(100) < 15) {
            return identity();
        }
        int roll = random.nextInt(100);
        if (roll < 45) {
            return commit();
        }
        if (roll < 58) {
            return new MetaCommand.DeleteKey(bucket(), key(), at);
        }
        if (roll < 60) {
            return new MetaCommand.SetVersioning(bucket(), Versioning.values()[random.nextInt(3)]);
        }
        if (roll < 65) {
            return new MetaCommand.DeleteObject(bucket(), key(), random.nextBoolean() ? null : 1L + random.nextInt(4));
        }
        if (roll < 72) {
            return new MetaCommand.SetMetadata(bucket(), key(), Map.of("m" + random.nextInt(3), "v" + at));
        }
        if (roll < 80) {
            return new MetaCommand.DropReplica(TestData.chunk("c" + random.nextInt(CHUNKS)), node());
        }
        if (roll < 87) {
            return new MetaCommand.RegisterNode(NodeRecord.fresh(node(), "http://h:" + (9000 + random.nextInt(9)), at,
                    random.nextBoolean() ? "z" + random.nextInt(2) : null, "store-" + random.nextInt(2)));
        }
        if (roll < 94) {
            return new MetaCommand.CreateBucket(bucket(), at, random.nextBoolean() ? null
                    : Versioning.values()[random.nextInt(3)], at % 3 == 0 ? USERS.get((int) (at % USERS.size())) : null);
        }
        if (roll < 96) {
            return new MetaCommand.SetQuota(random.nextBoolean() ? QuotaScope.BUCKET : QuotaScope.USER,
                    random.nextBoolean() ? bucket() : user(), new Quota(random.nextInt(3) * 1000L, random.nextInt(4)));
        }
        return new MetaCommand.DeleteBucket(bucket());
    }

    private MetaCommand commit() {
        if (!withRequestIds.isEmpty() && random.nextInt(5) == 0) {
            // A client retrying after a lost reply: the same commit and id, proposed anew.
            MetaCommand.CommitVersion first = withRequestIds.get(random.nextInt(withRequestIds.size()));
            return new MetaCommand.CommitVersion(first.bucket(), first.key(), first.size(), first.chunkSize(),
                    first.replication(), first.contentType(), first.metadata(), first.chunks(), first.ifNoneMatch(),
                    at, first.requestId(), null);
        }
        int count = random.nextInt(4);
        List<MetaCommand.ChunkWrite> chunks = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(CHUNKS);
            int chunkSize = 100 + c; // a chunk id always comes with the same size...
            if (random.nextInt(40) == 0) {
                chunkSize++; // ...except when a test wants a CONFLICT
            }
            List<NodeId> written = random.nextInt(3) == 0 ? List.of()
                    : List.of(node(), node()).stream().distinct().toList();
            chunks.add(new MetaCommand.ChunkWrite(TestData.chunk("c" + c), chunkSize, written, null));
            size += chunkSize;
        }
        if (random.nextInt(30) == 0) {
            size++;
        }
        Map<String, String> metadata = Map.of("a", "1", "b" + random.nextInt(5), "2", "c", String.valueOf(at));
        String requestId = random.nextBoolean() ? "request-" + withRequestIds.size() : null;
        var command = new MetaCommand.CommitVersion(bucket(), key(), size, 128, 1 + random.nextInt(3),
                "application/x-" + count, metadata, chunks, random.nextInt(8) == 0, at, requestId,
                random.nextBoolean() ? null : new ContentInfo("e" + count, null, Map.of(),
                        random.nextInt(4) == 0 ? "e" + random.nextInt(4) : null));
        if (requestId != null) {
            withRequestIds.add(command);
        }
        return command;
    }

    /** Creations outnumber deletions, so that users hold keys and policies are attached when deletions come. */
    private MetaCommand identity() {
        String user = USERS.get(random.nextInt(USERS.size()));
        String policy = POLICIES.get(random.nextInt(POLICIES.size()));
        String key = "KEY" + random.nextInt(ACCESS_KEYS);
        int roll = random.nextInt(20);
        if (roll < 4) {
            return new MetaCommand.CreateUser(user, at, policies());
        }
        if (roll < 5) {
            return new MetaCommand.SetUserEnabled(user, random.nextBoolean());
        }
        if (roll < 7) {
            return new MetaCommand.SetUserPolicies(user, policies());
        }
        if (roll < 8) {
            return new MetaCommand.DeleteUser(user);
        }
        if (roll < 11) {
            return new MetaCommand.CreateAccessKey(key, user, random.nextBoolean() ? null : "label", "sealed-" + at, at);
        }
        if (roll < 12) {
            return new MetaCommand.SetAccessKeyEnabled(key, random.nextBoolean());
        }
        if (roll < 13) {
            return new MetaCommand.DeleteAccessKey(key);
        }
        if (roll < 15) {
            return new MetaCommand.PutPolicy(policy, "{\"at\":" + at + "}", at);
        }
        if (roll < 16) {
            return new MetaCommand.DeletePolicy(policy);
        }
        if (roll < 18) {
            return new MetaCommand.SetBucketPolicy(bucket(), "{\"at\":" + at + "}");
        }
        if (roll < 19) {
            return new MetaCommand.DeleteBucketPolicy(bucket());
        }
        return new MetaCommand.SetBucketCors(bucket(), random.nextBoolean() ? null : "<CORSConfiguration at=\"" + at
                + "\"/>");
    }

    private String user() {
        return USERS.get(random.nextInt(USERS.size()));
    }

    private List<String> policies() {
        return random.ints(random.nextInt(3), 0, POLICIES.size()).mapToObj(POLICIES::get).toList();
    }

    private String bucket() {
        return BUCKETS.get(random.nextInt(BUCKETS.size()));
    }

    private String key() {
        return "dir" + random.nextInt(3) + "/key-" + random.nextInt(KEYS);
    }

    private NodeId node() {
        return new NodeId("node-" + random.nextInt(NODES));
    }
}
