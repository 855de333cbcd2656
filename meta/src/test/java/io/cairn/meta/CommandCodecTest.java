package io.cairn.meta;

import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.deduped;
import static io.cairn.meta.TestData.node;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Versioning;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    static final List<MetaCommand> ONE_OF_EACH = List.of(
            new MetaCommand.InitCluster("c-1", 1),
            new MetaCommand.CreateBucket("photos", 2, null),
            new MetaCommand.DeleteBucket("photos"),
            new MetaCommand.RegisterNode(NodeRecord.fresh(node("n1"), "http://h:9001", 3, "z1", "s-1")),
            new MetaCommand.CommitVersion("default", "a/é", 7, 4, 2, null, Map.of("b", "2", "a", "1"),
                    List.of(written("x", 4, "n1", "n2"), deduped("y", 3)), true, 4, null, null),
            new MetaCommand.CommitVersion("default", "b", 0, 4, 1, "text/plain", null, List.of(), false, 5, "r-1", null),
            new MetaCommand.DeleteObject("default", "a", null),
            new MetaCommand.DeleteObject("default", "a", 3L),
            new MetaCommand.DeleteKey("default", "a", 6),
            new MetaCommand.SetVersioning("default", Versioning.SUSPENDED),
            new MetaCommand.SetConsistency("default", Consistency.QUORUM),
            new MetaCommand.SetOwnership("default", ObjectOwnership.OBJECT_WRITER),
            new MetaCommand.SetPublicAccessBlock("default", new PublicAccessBlock(true, false, true, false)),
            new MetaCommand.CreateUpload("default", "big", "u-1", 7, "video/mp4", Map.of("m", "1"),
                    Map.of("cache-control", "none"), "CRC32"),
            new MetaCommand.CommitPart("default", "big", "u-1", 2, 4, "e2", new Checksum("CRC32", "AAAAAA==", 0),
                    List.of(written("x", 4, "n1")), 2, 8),
            new MetaCommand.CompleteUpload("default", "big", "u-1", List.of(new PartChoice(1, "e1"),
                    new PartChoice(2, "e2")), true, new ContentInfo("e-2", null, null, null), 9),
            new MetaCommand.AbortUpload("default", "big", "u-2"),
            new MetaCommand.SetMetadata("default", "a", Map.of()),
            new MetaCommand.DropReplica(chunk("x"), node("n2")),
            new MetaCommand.AddCopies(chunk("x"), List.of(new Copy(node("n3"), 1, 99))),
            new MetaCommand.RetireCopies(chunk("x"), List.of(node("n1"))),
            new MetaCommand.ForgetStaleCopies(node("n1"), List.of(chunk("x"), chunk("y"))),
            new MetaCommand.CondemnChunks(List.of(chunk("x")), 10),
            new MetaCommand.CollectChunks(List.of(chunk("x")), 11),
            new MetaCommand.DoomOrphans(node("n2"), 3, List.of(new MetaCommand.StoredCopy(chunk("z"), 5, 123))),
            new MetaCommand.DeletionsDone(node("n2"), List.of(new MetaCommand.StoredCopy(chunk("z"), 5, 123))),
            new MetaCommand.SetNodeState(node("n2"), NodeState.DRAINING),
            new MetaCommand.RemoveNode(node("n2"), true),
            new MetaCommand.CreateUser("alice", 12, List.of("readwrite")),
            new MetaCommand.SetUserEnabled("alice", false),
            new MetaCommand.SetUserPolicies("alice", List.of()),
            new MetaCommand.ChangeUserPolicy("alice", "readonly", false),
            new MetaCommand.DeleteUser("alice"),
            new MetaCommand.CreateAccessKey("KEY1", "alice", null, "sealed", 13),
            new MetaCommand.SetAccessKeyEnabled("KEY1", true),
            new MetaCommand.DeleteAccessKey("KEY1"),
            new MetaCommand.PutPolicy("logs", "{}", 14),
            new MetaCommand.DeletePolicy("logs"),
            new MetaCommand.SetBucketPolicy("photos", "{}"),
            new MetaCommand.DeleteBucketPolicy("photos"),
            new MetaCommand.SetBucketCors("photos", "<CORSConfiguration/>"),
            new MetaCommand.SetAcl("photos", "k", 3L, new Acl("alice", List.of(Acl.Grant.toUser("alice",
                    Acl.Permission.FULL_CONTROL), Acl.Grant.toGroup(Acl.ALL_USERS, Acl.Permission.READ)))),
            new MetaCommand.SetQuota(QuotaScope.USER, "alice", new Quota(0, 10)),
            new MetaCommand.SetTags("photos", "k", 3L, Map.of("b", "2", "a", "")),
            new MetaCommand.CreateJoinToken("0123456789abcdef", "sealed", 15, 16, 1),
            new MetaCommand.UseJoinToken("0123456789abcdef", 15));

    @Test
    void everyCommandRoundTrips() {
        Set<Class<?>> covered = ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(MetaCommand.class.getPermittedSubclasses());
        for (MetaCommand command : ONE_OF_EACH) {
            assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        }
    }

    /** Written before commits carried request ids: the missing id decodes as null. */
    @Test
    void decodesTheStoredV1Command() {
        assertThat(CommandCodec.decode(RecordCodecTest.golden("v1", "command-commit-version.json")))
                .isEqualTo(storedCommit(null, null));
    }

    @Test
    void decodesTheStoredV1CommandWithARequestId() {
        assertThat(CommandCodec.decode(RecordCodecTest.golden("v1", "command-commit-version-request.json")))
                .isEqualTo(storedCommit("4f1c2b9e-8d7a-4c3b-9e2f-1a2b3c4d5e6f", null));
    }

    /** v2: the content info of an S3 upload, and a command without one (left out, not written as empty). */
    @Test
    void decodesTheStoredV2Commands() {
        assertDecodes("v2", "command-commit-version.json", storedCommit("r-7", S3_CONTENT));
        assertDecodes("v2", "command-commit-version-plain.json", storedCommit(null, null));
        assertDecodes("v2", "command-create-bucket.json",
                new MetaCommand.CreateBucket("photos", 1764000000000L, Versioning.UNVERSIONED));
        assertDecodes("v2", "command-delete-key.json", new MetaCommand.DeleteKey("default", "dir/a.txt", 9));
        assertDecodes("v2", "command-set-versioning.json", new MetaCommand.SetVersioning("photos", Versioning.ENABLED));
    }

    /** v3, today's: generations of written copies, and the chunk-copy and node-lifecycle commands. */
    @Test
    void decodesAndEncodesTheStoredV3Commands() {
        MetaCommand.CommitVersion stored = storedCommit("r-7", S3_CONTENT);
        assertDecodesAndEncodesAs("command-commit-version.json", new MetaCommand.CommitVersion(stored.bucket(),
                stored.key(), stored.size(), stored.chunkSize(), stored.replication(), stored.contentType(),
                stored.metadata(), List.of(new MetaCommand.ChunkWrite(chunk("a2"), 16, List.of(node("n1"), node("n2")),
                        List.of(1764000000000000001L, 1764000000000000002L)), deduped("a2b", 6)),
                stored.ifNoneMatch(), stored.at(), stored.requestId(), stored.content()));
        assertDecodesAndEncodesAs("command-register-node.json", new MetaCommand.RegisterNode(
                NodeRecord.fresh(node("n1"), "http://h:9001", 3, "z1", "s-1")));
        assertDecodesAndEncodesAs("command-add-copies.json",
                new MetaCommand.AddCopies(chunk("a2"), List.of(new Copy(node("n3"), 1, 99))));
        assertDecodesAndEncodesAs("command-retire-copies.json",
                new MetaCommand.RetireCopies(chunk("a2"), List.of(node("n1"))));
        assertDecodesAndEncodesAs("command-collect.json", new MetaCommand.CollectChunks(List.of(chunk("a2")), 11));
        assertDecodesAndEncodesAs("command-doom-orphans.json", new MetaCommand.DoomOrphans(node("n2"), 3,
                List.of(new MetaCommand.StoredCopy(chunk("a2"), 16, 123))));
        assertDecodesAndEncodesAs("command-remove-node.json", new MetaCommand.RemoveNode(node("n2"), true));
    }

    /** Added within v3: users, access keys, named and bucket policies. */
    @Test
    void decodesAndEncodesTheStoredIdentityCommands() {
        assertDecodesAndEncodesAs("command-create-user.json",
                new MetaCommand.CreateUser("alice", 1764000000000L, List.of("readwrite", "team-logs")));
        assertDecodesAndEncodesAs("command-set-user-enabled.json", new MetaCommand.SetUserEnabled("alice", false));
        assertDecodesAndEncodesAs("command-set-user-policies.json",
                new MetaCommand.SetUserPolicies("alice", List.of("readonly")));
        assertDecodesAndEncodesAs("command-delete-user.json", new MetaCommand.DeleteUser("alice"));
        assertDecodesAndEncodesAs("command-create-access-key.json", new MetaCommand.CreateAccessKey(
                "CAIRNEXAMPLEKEY00001", "alice", "backup job", RecordCodecTest.SEALED_SECRET, 1764000000001L));
        assertDecodesAndEncodesAs("command-set-access-key-enabled.json",
                new MetaCommand.SetAccessKeyEnabled("CAIRNEXAMPLEKEY00001", true));
        assertDecodesAndEncodesAs("command-delete-access-key.json",
                new MetaCommand.DeleteAccessKey("CAIRNEXAMPLEKEY00001"));
        assertDecodesAndEncodesAs("command-put-policy.json",
                new MetaCommand.PutPolicy("team-logs", RecordCodecTest.POLICY_DOCUMENT, 1764000000000L));
        assertDecodesAndEncodesAs("command-delete-policy.json", new MetaCommand.DeletePolicy("team-logs"));
        assertDecodesAndEncodesAs("command-set-bucket-policy.json",
                new MetaCommand.SetBucketPolicy("photos", RecordCodecTest.BUCKET_POLICY));
        assertDecodesAndEncodesAs("command-delete-bucket-policy.json", new MetaCommand.DeleteBucketPolicy("photos"));
    }

    /** Added within v3: quotas, and the owner a bucket is created for (absent in older entries: no owner). */
    @Test
    void decodesAndEncodesTheStoredQuotaCommands() {
        assertDecodesAndEncodesAs("command-set-quota.json", new MetaCommand.SetQuota(QuotaScope.BUCKET, "photos",
                new Quota(1L << 30, 1000)));
        assertDecodesAndEncodesAs("command-create-bucket-owned.json", new MetaCommand.CreateBucket("photos",
                1764000000000L, Versioning.UNVERSIONED, "alice"));
    }

    /** Added within v3: v2 join tokens. */
    @Test
    void decodesAndEncodesTheStoredJoinTokenCommands() {
        assertDecodesAndEncodesAs("command-create-join-token.json", new MetaCommand.CreateJoinToken(
                "0123456789abcdef", RecordCodecTest.SEALED_SECRET, 1764000000000L, 1764003600000L, 2));
        assertDecodesAndEncodesAs("command-use-join-token.json",
                new MetaCommand.UseJoinToken("0123456789abcdef", 1764000000001L));
    }

    /** Added within v3: ACLs, and one policy attached or detached. */
    @Test
    void decodesAndEncodesTheStoredAclAndPolicyChangeCommands() {
        assertDecodesAndEncodesAs("command-set-acl.json", new MetaCommand.SetAcl("photos", "dir/a.txt", 3L,
                new Acl("alice", List.of(Acl.Grant.toGroup(Acl.ALL_USERS, Acl.Permission.READ),
                        Acl.Grant.toUser("alice", Acl.Permission.FULL_CONTROL)))));
        assertDecodesAndEncodesAs("command-create-bucket-acl.json", new MetaCommand.CreateBucket("photos",
                1764000000000L, Versioning.UNVERSIONED, "alice", new Acl(null, List.of(
                        Acl.Grant.toGroup(Acl.AUTHENTICATED_USERS, Acl.Permission.READ),
                        Acl.Grant.toUser("alice", Acl.Permission.FULL_CONTROL)))));
        assertDecodesAndEncodesAs("command-change-user-policy.json",
                new MetaCommand.ChangeUserPolicy("alice", "readonly", true));
    }

    /** Added within v3: Object Ownership, and how an upload's parts' checksums make the object's. */
    @Test
    void decodesAndEncodesTheStoredOwnershipAndChecksumTypeCommands() {
        assertDecodesAndEncodesAs("command-set-ownership.json",
                new MetaCommand.SetOwnership("photos", ObjectOwnership.BUCKET_OWNER_ENFORCED));
        assertDecodesAndEncodesAs("command-delete-ownership.json", new MetaCommand.SetOwnership("photos", null));
        assertDecodesAndEncodesAs("command-create-bucket-ownership.json", new MetaCommand.CreateBucket("photos",
                1764000000000L, Versioning.UNVERSIONED, "alice", null, ObjectOwnership.BUCKET_OWNER_PREFERRED));
        assertDecodesAndEncodesAs("command-create-upload-full-object.json", new MetaCommand.CreateUpload("photos",
                "big", "0199a0b1c2d3e4f5a6b7c8d9", 1764000000000L, "video/mp4", Map.of(), Map.of(), "CRC64NVME", null,
                "FULL_OBJECT", null));
    }

    /** Added within v3: a bucket's CORS configuration, set and removed (no document). */
    @Test
    void decodesAndEncodesTheStoredCorsCommands() {
        assertDecodesAndEncodesAs("command-set-bucket-cors.json",
                new MetaCommand.SetBucketCors("photos", RecordCodecTest.BUCKET_CORS));
        assertDecodesAndEncodesAs("command-remove-bucket-cors.json", new MetaCommand.SetBucketCors("photos", null));
    }

    /** Added within v3: Block Public Access. */
    @Test
    void decodesAndEncodesTheStoredPublicAccessBlockCommands() {
        assertDecodesAndEncodesAs("command-set-public-access-block.json", new MetaCommand.SetPublicAccessBlock(
                "photos", new PublicAccessBlock(true, true, false, true)));
        assertDecodesAndEncodesAs("command-delete-public-access-block.json",
                new MetaCommand.SetPublicAccessBlock("photos", null));
    }

    /**
     * Added within v3: tags of a version (given with its commit or its multipart upload, or set later) and of a
     * bucket. A commit or an upload without tags encodes as before.
     */
    @Test
    void decodesAndEncodesTheStoredTagCommands() {
        Map<String, String> tags = Map.of("shade", "dark", "colour", "red");
        assertDecodesAndEncodesAs("command-set-tags.json", new MetaCommand.SetTags("photos", "dir/a.txt", 3L, tags));
        assertDecodesAndEncodesAs("command-set-bucket-tags.json",
                new MetaCommand.SetTags("photos", null, null, Map.of("team", "data")));
        assertDecodesAndEncodesAs("command-delete-tags.json", new MetaCommand.SetTags("photos", "dir/a.txt", null,
                Map.of()));
        MetaCommand.CommitVersion stored = (MetaCommand.CommitVersion) CommandCodec.decode(
                RecordCodecTest.golden("v3", "command-commit-version.json"));
        ContentInfo content = stored.content();
        assertDecodesAndEncodesAs("command-commit-version-tagged.json", new MetaCommand.CommitVersion(
                stored.bucket(), stored.key(), stored.size(), stored.chunkSize(), stored.replication(),
                stored.contentType(), stored.metadata(), stored.chunks(), stored.ifNoneMatch(), stored.at(),
                stored.requestId(), new ContentInfo(content.etag(), content.checksum(), content.headers(),
                        content.ifMatch(), null, tags)));
        assertDecodesAndEncodesAs("command-create-upload-tagged.json", new MetaCommand.CreateUpload("default", "big",
                "u-1", 1764000000000L, "video/mp4", Map.of("m", "1"), Map.of("cache-control", "none"), "CRC32", null,
                null, tags));
    }

    private static final ContentInfo S3_CONTENT = new ContentInfo("9e107d9d372bb6826bd81d3542a419d6",
            new Checksum("CRC32", "DUoRhQ==", 0), Map.of("content-encoding", "gzip"),
            "0cc175b9c0f1b6a831c399e269772661");

    private static MetaCommand.CommitVersion storedCommit(String requestId, ContentInfo content) {
        return new MetaCommand.CommitVersion("default", "dir/a.txt", 22, 16, 2, "image/png",
                Map.of("zeta", "last", "alpha", "first"), List.of(written("a2", 16, "n1", "n2"), deduped("a2b", 6)),
                true, 1764000000002L, requestId, content);
    }

    private static void assertDecodes(String format, String fixture, MetaCommand expected) {
        assertThat(CommandCodec.decode(RecordCodecTest.golden(format, fixture))).isEqualTo(expected);
    }

    private static void assertDecodesAndEncodesAs(String fixture, MetaCommand expected) {
        byte[] golden = RecordCodecTest.golden("v3", fixture);
        assertThat(CommandCodec.decode(golden)).isEqualTo(expected);
        assertThat(new String(CommandCodec.encode(expected), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8).strip());
    }

    @Test
    void garbageIsAnInvalidArgument() {
        for (String bad : List.of("", "[]", "{\"v\":1,\"type\":\"Nope\",\"c\":{}}", "{\"v\":9,\"type\":\"DeleteBucket\"}",
                "{\"v\":1,\"type\":\"DeleteBucket\",\"c\":{}}", "{\"v\":1,\"type\":\"DropReplica\",\"c\":{\"chunk\":\"zz\"}}")) {
            assertThatThrownBy(() -> CommandCodec.decode(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void metadataInACommandIsSortedSoTheLogBytesAreStable() {
        var command = new MetaCommand.SetMetadata("b", "k", Map.of("z", "1", "a", "2", "m", "3"));
        assertThat(command.metadata().keySet()).containsExactly("a", "m", "z");
        assertThat(Arrays.asList(new String(CommandCodec.encode(command), StandardCharsets.UTF_8)))
                .singleElement().asString().contains("{\"a\":\"2\",\"m\":\"3\",\"z\":\"1\"}");
    }
}
